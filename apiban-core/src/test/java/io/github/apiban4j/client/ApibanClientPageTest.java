package io.github.apiban4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressFormatException;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.http.UserAgent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The banned list: every documented reply shape, for both API versions, and the requests sent. */
class ApibanClientPageTest extends ClientTestSupport {

  private static String reasonOf(String text) {
    try {
      IpPrefix.parse(text);
      throw new AssertionError("valid: " + text);
    } catch (AddressFormatException e) {
      return e.reason();
    }
  }

  private static List<String> texts(BannedPage page) {
    return page.entries().stream().map(IpPrefix::toString).toList();
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void aPageReturnsItsAddressesAndTheNextCursor(ApiVersion version) throws Exception {
    enqueue(200, "page.json");

    BannedPage page = client(version).build().banned(ApibanClient.START_CURSOR);

    assertThat(texts(page))
        .containsExactly("192.0.2.1", "198.51.100.7", "203.0.113.200", "2001:db8::5");
    assertThat(page.rejected()).isEmpty();
    assertThat(page.nextCursor()).contains("1698425647");
    assertThat(page.isEnd()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void aFullPageOf250IsAccepted(ApiVersion version) throws Exception {
    enqueue(new MockResponse.Builder().body(Fixtures.page(250, "1698425999")).build());

    BannedPage page = client(version).build().banned("1698425000");

    assertThat(page.entries()).hasSize(250);
    assertThat(page.entries()).filteredOn(IpPrefix::isIpv6).hasSize(10);
    assertThat(page.nextCursor()).contains("1698425999");
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void aPageWithIdNoneIsTheLastAndKeepsItsEntries(ApiVersion version) throws Exception {
    enqueue(200, "last-page.json");

    BannedPage page = client(version).build().banned("1698425647");

    assertThat(page.isEnd()).isTrue();
    assertThat(page.nextCursor()).isEmpty();
    assertThat(texts(page)).containsExactly("192.0.2.9", "2001:db8:1::9");
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void anIdNoneWithoutAddressesIsAnEmptyLastPage(ApiVersion version) throws Exception {
    enqueue(200, "end-without-addresses.json");

    BannedPage page = client(version).build().banned("1698425647");

    assertThat(page.isEnd()).isTrue();
    assertThat(page.entries()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-new-bans.json", "no-new-bans-string.json"})
  void http400NoNewBansIsTheEndOfTheFeedNotAnErrorV2(String fixture) throws Exception {
    enqueue(400, fixture);

    BannedPage page = client(ApiVersion.V2).build().banned("1698425647");

    assertThat(page.isEnd()).isTrue();
    assertThat(page.entries()).isEmpty();
    assertThat(page.rejected()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-new-bans.json", "no-new-bans-string.json"})
  void http400NoNewBansIsTheEndOfTheFeedNotAnErrorV1(String fixture) throws Exception {
    enqueue(400, fixture);

    BannedPage page = client(ApiVersion.V1).build().banned("1698425647");

    assertThat(page.isEnd()).isTrue();
    assertThat(page.entries()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void hostileEntriesAreRejectedWithAReasonAndNeverReturned(ApiVersion version) throws Exception {
    enqueue(200, "hostile-page.json");

    BannedPage page = client(version).build().banned("1698425647");

    assertThat(texts(page)).containsExactly("192.0.2.10", "198.51.100.14", "2001:db8::15");
    assertThat(page.rejected()).extracting(RejectedEntry::text).containsExactly(
        "\"evil.example.com\"",
        "\"1.2.3.4; rm -rf /\"",
        "\"$(reboot)\"",
        "\"999.1.1.1\"",
        "\" 192.0.2.11\"",
        "\"192.0.2.12\\u000aINPUT -j ACCEPT\"",
        "\"192.000.2.13\"",
        "\"2001:db8::14%eth0\"",
        "\"\"");
    // The reason is the address model's own (its wording is tested there), never the raw text.
    List<String> raw = List.of("evil.example.com", "1.2.3.4; rm -rf /", "$(reboot)", "999.1.1.1",
        " 192.0.2.11", "192.0.2.12\nINPUT -j ACCEPT", "192.000.2.13", "2001:db8::14%eth0", "");
    assertThat(page.rejected()).extracting(RejectedEntry::reason)
        .containsExactlyElementsOf(raw.stream().map(ApibanClientPageTest::reasonOf).toList())
        .allSatisfy(reason -> assertThat(reason).isNotBlank().doesNotContain("rm -rf", "reboot"));
    // Quoted text is printable ASCII: it cannot forge a log line.
    assertThat(page.rejected()).allSatisfy(r -> assertThat(r.text()).matches("[\\x20-\\x7e]*"));
    assertThat(page.nextCursor()).contains("1698425700");
  }

  @Test
  void v2AsksForAPageWithAPostAndABearerKey() throws Exception {
    enqueue(200, "page.json");

    client(ApiVersion.V2).dataset(Dataset.ALL).build().banned("1698425000");

    RecordedRequest request = takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/get");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(UserAgent.VALUE);
    assertThat(request.getBody().string(StandardCharsets.UTF_8))
        .isEqualTo("{\"set\":\"all\",\"id\":\"1698425000\"}");
  }

  @Test
  void theUserAgentCarriesTheProjectVersion() {
    assertThat(UserAgent.VALUE).matches("apiban4j/[0-9]+\\.[0-9]+\\.[0-9]+.*");
  }

  @Test
  void v1AsksForAPageWithAGetAndTheKeyInThePath() throws Exception {
    enqueue(200, "page.json");

    client(ApiVersion.V1).build().banned(ApibanClient.START_CURSOR);

    RecordedRequest request = takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/" + SECRET + "/banned/100");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(UserAgent.VALUE);
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void aBaseUrlWithoutTrailingSlashGetsOne() throws Exception {
    enqueue(200, "page.json");

    client(ApiVersion.V2).baseUrl(server.url("/mirror").toString()).build().banned("100");

    assertThat(takeRequest().getTarget()).isEqualTo("/mirror/get");
  }

  @Test
  void followingTheCursorWalksTheFeedToItsEnd() throws Exception {
    enqueue(new MockResponse.Builder().body(Fixtures.page(250, "1698425100")).build());
    enqueue(new MockResponse.Builder().body(Fixtures.page(250, "1698425200")).build());
    enqueue(400, "no-new-bans.json");
    ApibanClient client = client(ApiVersion.V2).build();

    String cursor = ApibanClient.START_CURSOR;
    int total = 0;
    BannedPage page;
    do {
      page = client.banned(cursor);
      total += page.entries().size();
      cursor = page.nextCursor().orElse(cursor);
    } while (!page.isEnd());

    assertThat(total).isEqualTo(500);
    assertThat(cursor).isEqualTo("1698425200");
    assertThat(takeRequest().getBody().utf8()).contains("\"id\":\"100\"");
    assertThat(takeRequest().getBody().utf8()).contains("\"id\":\"1698425100\"");
    assertThat(takeRequest().getBody().utf8()).contains("\"id\":\"1698425200\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "none", "-1", "1a", "123456789012345678901", "../x", "10 0"})
  void aCursorThatIsNotDigitsIsRefusedBeforeAnyRequest(String cursor) {
    ApibanClient client = client(ApiVersion.V1).build();

    assertThatThrownBy(() -> client.banned(cursor))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cursor must be 1 to 20 decimal digits");
    assertThat(server.getRequestCount()).isZero();
  }
}
