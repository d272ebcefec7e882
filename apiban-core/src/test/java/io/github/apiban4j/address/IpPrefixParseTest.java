package io.github.apiban4j.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Valid literals and their canonical text. Invalid ones are in {@link IpPrefixRejectTest}. */
class IpPrefixParseTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "192.0.2.1          | 192.0.2.1",
      "0.0.0.0            | 0.0.0.0",
      "255.255.255.255    | 255.255.255.255",
      "198.51.100.0/24    | 198.51.100.0/24",
      "203.0.113.7/32     | 203.0.113.7",
      "203.0.113.128/25   | 203.0.113.128/25",
      "192.0.2.0/31       | 192.0.2.0/31",
      "0.0.0.0/0          | 0.0.0.0/0",
      "203.0.113.64/26    | 203.0.113.64/26",
      "198.51.100.10      | 198.51.100.10",
      "203.0.113.100      | 203.0.113.100",
  })
  void ipv4(String input, String canonical) {
    IpPrefix p = IpPrefix.parse(input);
    assertThat(p.isIpv4()).isTrue();
    assertThat(p).hasToString(canonical);
    assertThat(IpPrefix.parse(canonical)).isEqualTo(p);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "2001:db8::1                             | 2001:db8::1",
      "2001:DB8::1                             | 2001:db8::1",
      "2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1",
      "2001:db8:0:0:0:0:0:1                    | 2001:db8::1",
      // RFC 5952 4.2.3: the first of two equally long zero runs is compressed.
      "2001:db8:0:0:1:0:0:1                    | 2001:db8::1:0:0:1",
      // 4.2.3: the longest run wins wherever it is.
      "2001:0:0:1:0:0:0:1                      | 2001:0:0:1::1",
      "2001:db8:0:0:1:0:0:0                    | 2001:db8:0:0:1::",
      // 4.2.2: a single zero group is never shortened to ::.
      "2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1",
      "2001:db8::1:1:1:1:1                     | 2001:db8:0:1:1:1:1:1",
      "2001:db8:3:4:5:6:7::                    | 2001:db8:3:4:5:6:7:0",
      "::2:3:4:5:6:7:8                         | 0:2:3:4:5:6:7:8",
      "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff  | 2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff",
      "2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:FFFF  | 2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff",
      "::                                      | ::",
      "0:0:0:0:0:0:0:0                         | ::",
      "::1                                     | ::1",
      "1::                                     | 1::",
      "2001:db8::                              | 2001:db8::",
      "2001:db8::/32                           | 2001:db8::/32",
      "2001:0db8:0:0:0:0:0:0/32                | 2001:db8::/32",
      "2001:db8::/128                          | 2001:db8::",
      "2001:db8::8000:0/97                     | 2001:db8::8000:0/97",
      "2001:db8:1::/48                         | 2001:db8:1::/48",
      "::/0                                    | ::/0",
      "fe80::/10                               | fe80::/10",
      "2001:db8::192.0.2.1                     | 2001:db8::c000:201",
      "2001:db8:1:2:3:4:192.0.2.1              | 2001:db8:1:2:3:4:c000:201",
      // IPv4-compatible (deprecated) addresses stay IPv6; only ::ffff:0:0/96 maps to IPv4.
      "::192.0.2.1                             | ::c000:201",
  })
  void ipv6(String input, String canonical) {
    IpPrefix p = IpPrefix.parse(input);
    assertThat(p.isIpv6()).isTrue();
    assertThat(p).hasToString(canonical);
    assertThat(IpPrefix.parse(canonical)).isEqualTo(p);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "::ffff:192.0.2.1           | 192.0.2.1",
      "::FFFF:192.0.2.1           | 192.0.2.1",
      "::ffff:c000:201            | 192.0.2.1",
      "0:0:0:0:0:ffff:c633:640a   | 198.51.100.10",
      "::ffff:192.0.2.1/128       | 192.0.2.1",
      "::ffff:192.0.2.0/120       | 192.0.2.0/24",
      "::ffff:203.0.113.128/121   | 203.0.113.128/25",
      "::ffff:0:0/96              | 0.0.0.0/0",
  })
  void ipv4MappedIpv6BecomesIpv4(String input, String canonical) {
    IpPrefix p = IpPrefix.parse(input);
    assertThat(p.isIpv4()).isTrue();
    assertThat(p).hasToString(canonical);
    assertThat(p).isEqualTo(IpPrefix.parse(canonical));
  }

  @Test
  void singleAddressHasFullLength() {
    assertThat(IpPrefix.parse("192.0.2.1").length()).isEqualTo(32);
    assertThat(IpPrefix.parse("192.0.2.1").isSingleAddress()).isTrue();
    assertThat(IpPrefix.parse("2001:db8::1").length()).isEqualTo(128);
    assertThat(IpPrefix.parse("2001:db8::/32").isSingleAddress()).isFalse();
    assertThat(IpPrefix.parse("2001:db8::/32").maxLength()).isEqualTo(128);
  }

  @Test
  void parseAddressAcceptsAddressesOnly() {
    assertThat(IpPrefix.parseAddress("192.0.2.1")).hasToString("192.0.2.1");
    assertThat(IpPrefix.parseAddress("2001:db8::1")).hasToString("2001:db8::1");
    assertThat(IpPrefix.parseAddress("::ffff:192.0.2.1")).hasToString("192.0.2.1");
    for (String prefix : new String[] {"192.0.2.0/24", "192.0.2.1/32", "2001:db8::/32",
        "2001:db8::1/128"}) {
      assertThatThrownBy(() -> IpPrefix.parseAddress(prefix))
          .isInstanceOf(AddressFormatException.class)
          .extracting(e -> ((AddressFormatException) e).reason()).asString()
          .contains("not a prefix");
    }
  }

  @Test
  void tryParseReturnsNullInsteadOfThrowing() {
    assertThat(IpPrefix.tryParse("192.0.2.1")).isEqualTo(IpPrefix.parse("192.0.2.1"));
    assertThat(IpPrefix.tryParse("192.0.2.1/24")).isNull();
    assertThat(IpPrefix.tryParse("example.com")).isNull();
    assertThat(IpPrefix.tryParse(null)).isNull();
  }

  @Test
  void acceptsAnyCharSequence() {
    assertThat(IpPrefix.parse(new StringBuilder("198.51.100.0/24")))
        .isEqualTo(IpPrefix.parse("198.51.100.0/24"));
  }

  @Test
  void nullIsRejectedWithNpe() {
    assertThatThrownBy(() -> IpPrefix.parse(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> IpPrefix.parseAddress(null)).isInstanceOf(NullPointerException.class);
  }
}
