package io.github.apiban4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checking one address: banned, not banned, and a bad key, which never reads as "not banned". */
class ApibanClientCheckTest extends ClientTestSupport {
  private static final InetAddress LISTED = address("203.0.113.5");

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByAddress(io.github.apiban4j.address.IpPrefix.parse(literal)
          .addressBytes());
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void a2xxNamingTheAddressMeansBanned(ApiVersion version) throws Exception {
    enqueue(200, "check-banned.json");

    assertThat(client(version).build().check(LISTED)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404})
  void a4xxNotBlockedMeansNotBannedV1(int code) throws Exception {
    enqueue(code, "check-not-blocked.json");

    assertThat(client(ApiVersion.V1).build().check(LISTED)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400, 404})
  void notBlockedMeansNotBannedV2(int code) throws Exception {
    enqueue(code, "check-not-blocked.json");

    assertThat(client(ApiVersion.V2).build().check(LISTED)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void aBadKeyIsAnErrorNeverNotBanned(ApiVersion version) {
    enqueue(403, "unauthorized.json");
    ApibanClient client = client(version).build();

    assertThatThrownBy(() -> client.check(LISTED))
        .isInstanceOf(ApibanUnauthorizedException.class)
        .hasMessageContaining("unauthorized")
        .hasMessageContaining("check the APIBAN key")
        .satisfies(e -> assertThat(((ApibanException) e).statusCode()).isEqualTo(403))
        .satisfies(e -> assertThat(((ApibanException) e).isTemporary()).isFalse())
        .satisfies(ClientTestSupport::assertKeyNotShown);
  }

  @Test
  void a403WithANotBlockedBodyIsStillUnauthorized() {
    // Status first: whatever the body says, 403 is the key's fault.
    enqueue(403, "check-not-blocked.json");
    ApibanClient client = client(ApiVersion.V2).build();

    assertThatThrownBy(() -> client.check(LISTED)).isInstanceOf(ApibanUnauthorizedException.class);
  }

  @Test
  void a2xxNamingAnotherAddressIsAProtocolError() {
    enqueue(new MockResponse.Builder()
        .body("{\"ipaddress\":[\"198.51.100.1\"],\"ID\":\"987654321\"}").build());
    ApibanClient client = client(ApiVersion.V2).build();

    assertThatThrownBy(() -> client.check(LISTED))
        .isInstanceOf(ApibanProtocolException.class)
        .hasMessageContaining("names neither the address nor \"not blocked\"");
  }

  @Test
  void a4xxWithoutNotBlockedIsAProtocolError() {
    enqueue(new MockResponse.Builder().code(404).body("Not Found").build());
    ApibanClient client = client(ApiVersion.V1).build();

    assertThatThrownBy(() -> client.check(LISTED))
        .isInstanceOf(ApibanProtocolException.class)
        .satisfies(e -> assertThat(((ApibanException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void v2ChecksWithAPostNamingTheDatasetAndAddress() throws Exception {
    enqueue(200, "check-banned.json");

    client(ApiVersion.V2).dataset(Dataset.HTTP).build().check(LISTED);

    RecordedRequest request = takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/check");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getBody().string(StandardCharsets.UTF_8))
        .isEqualTo("{\"set\":\"http\",\"ipaddress\":\"203.0.113.5\"}");
  }

  @Test
  void v1ChecksWithAGetAndACanonicalIpv6Literal() throws Exception {
    enqueue(new MockResponse.Builder()
        .body("{\"ipaddress\":[\"2001:db8::a\"],\"ID\":\"987654321\"}").build());

    boolean banned = client(ApiVersion.V1).build()
        .check(address("2001:0db8:0000:0000:0000:0000:0000:000a"));

    assertThat(banned).isTrue();
    RecordedRequest request = takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/" + SECRET + "/check/2001:db8::a");
  }
}
