package io.github.apiban4j.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text that must never become an address, with the reason each is rejected. Feed entries reach the
 * firewall only through this parser (invariant 5), so every row here is a class of hostile or
 * sloppy input it has to refuse.
 */
class IpPrefixRejectTest {
  private static final String WHITESPACE = "whitespace or control";
  private static final String NAMES = "names are never resolved";
  private static final String FOREIGN = "not part of an IP literal";
  private static final String NON_ASCII = "non-ASCII";
  private static final String LEADING_ZEROS = "leading zeros";
  private static final String FOUR_OCTETS = "exactly four decimal octets";
  private static final String OCTET_RANGE = "at most 255";
  private static final String HEX = "hexadecimal";
  private static final String V4_LENGTH = "plain decimal number from 0 to 32";
  private static final String V6_LENGTH = "plain decimal number from 0 to 128";
  private static final String ONE_GAP = "'::' may appear only once";
  private static final String GROUPS = "eight groups";

  static Stream<Arguments> rejected() {
    return Stream.of(
        // Leading zeros: inet_aton reads them as octal, so 010.0.0.1 would be 8.0.0.1.
        arguments("01.2.3.4", LEADING_ZEROS),
        arguments("192.0.2.01", LEADING_ZEROS),
        arguments("192.0.02.1", LEADING_ZEROS),
        arguments("192.0.2.00", LEADING_ZEROS),
        arguments("0300.0.2.1", LEADING_ZEROS),
        arguments("::ffff:192.0.2.01", LEADING_ZEROS),
        // The other inet_aton forms: hex, one to three parts.
        arguments("0xc0.0.2.1", HEX),
        arguments("0XC0.0.2.1", HEX),
        arguments("0xc0000201", HEX),
        arguments("192.0x0.2.1", HEX),
        arguments("3221225985", FOUR_OCTETS),
        arguments("192.0.513", FOUR_OCTETS),
        arguments("192.513", FOUR_OCTETS),
        // Octet count and range.
        arguments("192.0.2", FOUR_OCTETS),
        arguments("192.0.2.1.5", FOUR_OCTETS),
        arguments("192.0.2.", FOUR_OCTETS),
        arguments(".192.0.2.1", FOUR_OCTETS),
        arguments("192..0.2", FOUR_OCTETS),
        arguments("192.0.2.1.", FOUR_OCTETS),
        arguments("999.1.1.1", OCTET_RANGE),
        arguments("256.0.0.0", OCTET_RANGE),
        arguments("192.0.2.256", OCTET_RANGE),
        arguments("192.0.2.1000", OCTET_RANGE),
        arguments("2001:db8::192.0.2.256", OCTET_RANGE),
        // Names are never looked up.
        arguments("example.com", NAMES),
        arguments("localhost", NAMES),
        arguments("ip6-localhost", NAMES),
        arguments("abc.def", NAMES),
        arguments("cafe", NAMES),
        arguments("192.0.2.1x", NAMES),
        arguments("192.0.2.1abc", NAMES),
        arguments("2001:db8::1g", NAMES),
        arguments("192.0.2.0/24x", NAMES),
        // Whitespace and control characters anywhere.
        arguments(" 192.0.2.1", WHITESPACE),
        arguments("192.0.2.1 ", WHITESPACE),
        arguments("192.0.2. 1", WHITESPACE),
        arguments("192.0.2.1\n", WHITESPACE),
        arguments("192.0.2.1\r\n", WHITESPACE),
        arguments("\t192.0.2.1", WHITESPACE),
        arguments("192.0.2.1\u00a0", WHITESPACE),
        arguments("2001:db8::1\u2028", WHITESPACE),
        arguments("192.0.2.1\u0000", WHITESPACE),
        arguments("192.0.2.1\u001b[2J", WHITESPACE),
        arguments("192.0.2.1\u0085", WHITESPACE),
        arguments("192.0.2.0/2 4", WHITESPACE),
        // Zone ids name an interface; a blocklist entry has no business doing that.
        arguments("fe80::1%eth0", "zone ids"),
        arguments("fe80::1%1", "zone ids"),
        arguments("2001:db8::1%25eth0", "zone ids"),
        // Shell and command-line metacharacters.
        arguments("1.2.3.4; rm -rf /", FOREIGN),
        arguments("$(reboot)", FOREIGN),
        arguments("`reboot`", FOREIGN),
        arguments("192.0.2.1`id`", FOREIGN),
        arguments("192.0.2.1|sh", FOREIGN),
        arguments("192.0.2.1&&id", FOREIGN),
        arguments("192.0.2.1>/etc/passwd", FOREIGN),
        arguments("-1.2.3.4", FOREIGN),
        arguments("+1.2.3.4", FOREIGN),
        arguments("192.0.2.1,198.51.100.1", FOREIGN),
        arguments("\"192.0.2.1\"", FOREIGN),
        arguments("'192.0.2.1'", FOREIGN),
        arguments("[2001:db8::1]", FOREIGN),
        arguments("192.0.2.0/-1", FOREIGN),
        arguments("192.0.2.1:80", "ports"),
        // Non-ASCII digits, which Character.isDigit and Integer.parseInt would accept.
        arguments("\u0661\u0669\u0662.\u0660.\u0662.\u0661", NON_ASCII),
        arguments("\uff11\uff19\uff12.\uff10.\uff12.\uff11", NON_ASCII),
        arguments("192.0.2.\uff11", NON_ASCII),
        arguments("\u06f1\u06f9\u06f2.0.2.1", NON_ASCII),
        arguments("2001:db8::\u0661", NON_ASCII),
        arguments("2001:db8::\uff41", NON_ASCII),
        arguments("192\u30020\u30022\u30021", NON_ASCII),
        arguments("192.0.2.1\u200b", NON_ASCII),
        arguments("\ud83d\ude00", NON_ASCII),
        // Empty and over-long.
        arguments("", "empty"),
        arguments("1".repeat(65), "too long"),
        arguments("192.0.2.1" + " ".repeat(100), "too long"),
        arguments("2001:db8:0:0:0:0:0:1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19", "too long"),
        // Prefix lengths.
        arguments("192.0.2.0/", V4_LENGTH),
        arguments("192.0.2.0/33", V4_LENGTH),
        arguments("192.0.2.0/024", V4_LENGTH),
        arguments("192.0.2.0/00", V4_LENGTH),
        arguments("192.0.2.0/1000", V4_LENGTH),
        arguments("192.0.2.0/255.255.255.0", V4_LENGTH),
        arguments("192.0.2.0/0x18", HEX),
        arguments("/24", FOUR_OCTETS),
        arguments("2001:db8::/", V6_LENGTH),
        arguments("2001:db8::/129", V6_LENGTH),
        arguments("2001:db8::/0128", V6_LENGTH),
        arguments("::ffff:192.0.2.0/129", V6_LENGTH),
        arguments("192.0.2.0/24/24", "more than one '/'"),
        arguments("192.0.2.0//24", "more than one '/'"),
        arguments("2001:db8::/32/48", "more than one '/'"),
        // Host bits set: the reason names the network that was probably meant.
        arguments("192.0.2.1/24", "did you mean the network 192.0.2.0/24?"),
        arguments("198.51.100.77/25", "did you mean the network 198.51.100.0/25?"),
        arguments("203.0.113.1/0", "did you mean the network 0.0.0.0/0?"),
        arguments("2001:db8::1/32", "did you mean the network 2001:db8::/32?"),
        arguments("2001:db8:1::/32", "did you mean the network 2001:db8::/32?"),
        arguments("::ffff:192.0.2.1/120", "did you mean the network 192.0.2.0/24?"),
        arguments("::ffff:192.0.2.1/64", "did you mean the network ::/64?"),
        arguments("::ffff:0:0/95", "did you mean the network ::fffe:0:0/95?"),
        // IPv6 structure.
        arguments(":::", ONE_GAP),
        arguments("1::2::3", ONE_GAP),
        arguments("::1::", ONE_GAP),
        arguments("1:::2", ONE_GAP),
        arguments("2001:db8:::1", ONE_GAP),
        arguments("1:2:3:4:5:6:7:8:9", GROUPS),
        arguments("1:2:3:4:5:6:7", GROUPS),
        arguments("1:2:3:4:5:6:7:8::", GROUPS),
        arguments("::1:2:3:4:5:6:7:8", GROUPS),
        arguments("1:2:3:4:5:6:7:192.0.2.1", GROUPS),
        arguments("12345::1", "at most four hex digits"),
        arguments("2001:db8::10000", "at most four hex digits"),
        arguments("2001:db8::1:", "single ':'"),
        arguments(":2001:db8::1", "single ':'"),
        arguments("192.0.2.1::", "must end an IPv6 literal"),
        arguments("2001:db8::192.0.2.1:1", "must end an IPv6 literal"),
        arguments("2001:db8::192.0.2", FOUR_OCTETS));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("rejected")
  void rejectedWithReason(String input, String reasonFragment) {
    AddressFormatException e =
        catchThrowableOfType(() -> IpPrefix.parse(input), AddressFormatException.class);
    assertThat(e).as("parse(%s)", AddressFormatException.quote(input)).isNotNull();
    assertThat(e.reason()).contains(reasonFragment);
    assertThat(IpPrefix.tryParse(input)).isNull();
    assertThat(catchThrowableOfType(() -> IpPrefix.parseAddress(input),
        AddressFormatException.class)).isNotNull();
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("rejected")
  void messageQuotesInputEscaped(String input, String ignored) {
    AddressFormatException e =
        catchThrowableOfType(() -> IpPrefix.parse(input), AddressFormatException.class);
    assertThat(e).as("parse(%s)", AddressFormatException.quote(input)).isNotNull();
    assertPrintable(e.getMessage());
    assertPrintable(e.reason());
    assertThat(e.getMessage()).startsWith(e.reason() + ": \"");
  }

  @Test
  void controlCharactersAreEscapedNotDropped() {
    AddressFormatException e = catchThrowableOfType(
        () -> IpPrefix.parse("192.0.2.1\nWARN forged log line"), AddressFormatException.class);
    assertThat(e.getMessage()).contains("\"192.0.2.1\\u000aWARN forged log line\"");
    e = catchThrowableOfType(() -> IpPrefix.parse("\"\\"), AddressFormatException.class);
    assertThat(e.getMessage()).endsWith("\"\\u0022\\u005c\"");
  }

  @Test
  void longInputIsQuotedOnlyInPart() {
    String hostile = "\n".repeat(10_000);
    AddressFormatException e =
        catchThrowableOfType(() -> IpPrefix.parse(hostile), AddressFormatException.class);
    assertThat(e.reason()).contains("too long");
    assertThat(e.getMessage()).hasSizeLessThan(500).contains("(10000 chars)");
    assertPrintable(e.getMessage());
  }

  @Test
  void reasonNeverContainsTheInput() {
    AddressFormatException e =
        catchThrowableOfType(() -> IpPrefix.parse("evil.example"), AddressFormatException.class);
    assertThat(e.reason()).doesNotContain("evil");
  }

  /** Printable ASCII only, except the ellipsis that marks a cut quote. */
  private static void assertPrintable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      assertThat(c >= 0x20 && c < 0x7F || c == '…')
          .as("character U+%04X at %d of %s", (int) c, i, s)
          .isTrue();
    }
  }
}
