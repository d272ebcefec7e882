package io.github.apiban4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressFormatException;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.RejectedEntry;
import java.io.IOException;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming reply parser on its own: every shape, and everything it must refuse. */
class BannedPageParserTest {

  private static ApibanReply parse(String json) throws IOException {
    return parse(json, 1000);
  }

  private static ApibanReply parse(String json, int maxEntries) throws IOException {
    return BannedPageParser.parse(new Buffer().writeUtf8(json), maxEntries);
  }

  /** The address model's reason for refusing {@code text}: the parser passes it on as it is. */
  private static String reasonOf(String text) {
    try {
      IpPrefix.parse(text);
      throw new AssertionError("valid: " + text);
    } catch (AddressFormatException e) {
      return e.reason();
    }
  }

  @Test
  void aPage() throws Exception {
    ApibanReply reply =
        parse("{\"ipaddress\":[\"192.0.2.1\",\"2001:db8::1\"],\"ID\":\"1698425647\"}");

    assertThat(reply.entries()).containsExactly(
        IpPrefix.parse("192.0.2.1"), IpPrefix.parse("2001:db8::1"));
    assertThat(reply.id()).isEqualTo("1698425647");
    assertThat(reply.rejected()).isEmpty();
    assertThat(reply.messages()).isEmpty();
  }

  @Test
  void ipaddressMayBeAPlainString() throws Exception {
    ApibanReply reply = parse("{\"ipaddress\":\"no new bans\",\"ID\":\"none\"}");

    assertThat(reply.entries()).isEmpty();
    assertThat(reply.messages()).containsExactly(ApibanReply.NO_NEW_BANS);
    assertThat(reply.id()).isEqualTo("none");
    assertThat(parse("{\"ipaddress\":\"198.51.100.3\"}").entries())
        .containsExactly(IpPrefix.parse("198.51.100.3"));
  }

  @Test
  void sentinelTextsAreMessagesNotRejectedEntries() throws Exception {
    ApibanReply reply = parse("{\"ipaddress\":[\"Not Blocked\",\"rate limit exceeded\","
        + "\"none\",\"unauthorized\"],\"ID\":\"none\"}");

    assertThat(reply.messages())
        .containsExactlyInAnyOrder("not blocked", "rate limit exceeded", "none", "unauthorized");
    assertThat(reply.rejected()).isEmpty();
  }

  @Test
  void memberNamesMatchIgnoringCaseAndOthersAreSkipped() throws Exception {
    ApibanReply reply = parse("{\"extra\":{\"a\":[1,2]},\"IPAddress\":[\"192.0.2.7\"],"
        + "\"id\":\"5\",\"note\":null}");

    assertThat(reply.entries()).containsExactly(IpPrefix.parse("192.0.2.7"));
    assertThat(reply.id()).isEqualTo("5");
  }

  @Test
  void absentAndNullMembersAreEmpty() throws Exception {
    assertThat(parse("{}").entries()).isEmpty();
    assertThat(parse("{}").id()).isNull();
    assertThat(parse("{\"ipaddress\":null,\"ID\":null}").id()).isNull();
  }

  @Test
  void aNumericIdIsReadAsText() throws Exception {
    assertThat(parse("{\"ID\":1698425647}").id()).isEqualTo("1698425647");
  }

  @Test
  void invalidEntriesAreQuotedWithTheirReason() throws Exception {
    ApibanReply reply = parse("{\"ipaddress\":[\"192.0.2.1\",\"host.example\\r\\nX: y\","
        + "\"10.0.0.256\",\"" + "9".repeat(100) + "\"]}");

    assertThat(reply.entries()).containsExactly(IpPrefix.parse("192.0.2.1"));
    assertThat(reply.rejected()).containsExactly(
        new RejectedEntry("\"host.example\\u000d\\u000aX: y\"", reasonOf("host.example\r\nX: y")),
        new RejectedEntry("\"10.0.0.256\"", reasonOf("10.0.0.256")),
        new RejectedEntry("\"" + "9".repeat(64) + "\"... (100 chars)", reasonOf("9".repeat(100))));
  }

  @Test
  void prefixesAndMappedAddressesAreNormalised() throws Exception {
    ApibanReply reply = parse("{\"ipaddress\":[\"198.51.100.0/24\",\"::ffff:192.0.2.1\"]}");

    assertThat(reply.entries()).extracting(IpPrefix::toString)
        .containsExactly("198.51.100.0/24", "192.0.2.1");
  }

  @Test
  void theEntryLimitCountsEveryEntry() throws Exception {
    String three = "{\"ipaddress\":[\"192.0.2.1\",\"bad\",\"192.0.2.3\"],\"ID\":\"1\"}";

    assertThat(parse(three, 3).entries()).hasSize(2);
    assertThatThrownBy(() -> parse(three, 2))
        .isInstanceOf(MalformedReplyException.class)
        .hasMessage("\"ipaddress\" holds more than 2 entries");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "[]",
      "\"192.0.2.1\"",
      "{\"ipaddress\":[\"192.0.2.1\",42]}",
      "{\"ipaddress\":[\"192.0.2.1\",{\"ip\":\"192.0.2.2\"}]}",
      "{\"ipaddress\":[\"192.0.2.1\",null]}",
      "{\"ipaddress\":[\"192.0.2.1\",true]}",
      "{\"ipaddress\":[[\"192.0.2.1\"]]}",
      "{\"ipaddress\":42}",
      "{\"ipaddress\":{}}",
      "{\"ID\":[\"1\"]}",
      "{\"ID\":{}}",
      "{\"ipaddress\":[\"192.0.2.1\"],\"ipaddress\":[\"192.0.2.2\"]}",
      "{\"ID\":\"1\",\"id\":\"2\"}",
      "{\"ipaddress\":[\"192.0.2.1\"",
      "{\"ipaddress\":[\"192.0.2.1\"]",
      "{\"ipaddress\":[\"192.0.2.1\"]}x",
      "{\"ipaddress\":[\"192.0.2.1\"]}{}",
      "{ipaddress:[\"192.0.2.1\"]}",
      "{\"ipaddress\":['192.0.2.1']}",
      "<html>503</html>"})
  void malformedRepliesAreRefusedWhole(String body) {
    assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedReplyException.class);
  }

  @Test
  void failuresOfTheSourcePassThroughUnchanged() {
    okio.Source failing = new okio.Source() {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        throw new BodyReadException(new java.net.SocketException("reset"));
      }

      @Override
      public okio.Timeout timeout() {
        return okio.Timeout.NONE;
      }

      @Override
      public void close() {}
    };

    assertThatThrownBy(() -> BannedPageParser.parse(okio.Okio.buffer(failing), 10))
        .isInstanceOf(BodyReadException.class);
  }
}
