package io.github.apiban4j.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetAddress;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Properties of parsing and formatting over many random values and strings. Seeds are constants, so
 * a failure reproduces; the assertion message carries the offending input.
 */
class IpPrefixPropertyTest {
  private static final int VALUES = 200_000;
  private static final int MUTANTS = 300_000;

  /** RFC 5952 text: lower-case hex groups without leading zeros, at most one "::". */
  private static final Pattern RFC5952_GROUPS = Pattern.compile("(|[1-9a-f][0-9a-f]{0,3}|0)");

  /**
   * Characters mutations draw from: the literal alphabet, shell and log metacharacters,
   * whitespace, and look-alike digits from other scripts.
   */
  private static final String MUTATION_CHARS = "0123456789abcdefABCDEFxX.:/%;$()`|&<>'\"\\-+ \t\n\r"
      + "\u0000\u007f\u0085\u00a0\u2028\u200b\u0660\u0661\u0669\u06f1\uff10\uff11\uff41\u3002"
      + "\u00e9\ud83d";

  @Test
  void canonicalTextParsesBackToTheValue() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < VALUES; i++) {
      IpPrefix x = RandomAddresses.any(r);
      String text = x.toString();
      assertThat(IpPrefix.parse(text)).as(text).isEqualTo(x);
      assertThat(IpPrefix.tryParse(text)).as(text).isEqualTo(x);
      if (x.isSingleAddress()) {
        assertThat(IpPrefix.parseAddress(text)).as(text).isEqualTo(x);
        assertThat(text).doesNotContain("/");
      } else {
        assertThat(text).endsWith("/" + x.length());
      }
    }
  }

  @Test
  void everyAcceptedSpellingParsesToTheSameValueAsItsCanonicalText() {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < VALUES; i++) {
      String literal = RandomAddresses.validLiteral(r);
      IpPrefix x = IpPrefix.parse(literal);
      assertThat(IpPrefix.parse(x.toString())).as(literal).isEqualTo(x);
      assertThat(ReferenceParser.parse(literal)).as(literal).isEqualTo(x);
    }
  }

  @Test
  void ipv6TextAgreesWithJdkBytes() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < VALUES; i++) {
      byte[] bytes = new byte[16];
      long hi = RandomAddresses.sparseGroups(r);
      long lo = RandomAddresses.sparseGroups(r);
      for (int b = 0; b < 8; b++) {
        bytes[b] = (byte) (hi >>> (56 - 8 * b));
        bytes[b + 8] = (byte) (lo >>> (56 - 8 * b));
      }
      InetAddress jdk = InetAddress.getByAddress(bytes);
      IpPrefix x = IpPrefix.of(jdk);
      String text = x.toString();
      // The JDK prints all eight groups; compare what the texts denote, not how they look.
      assertThat(IpPrefix.parse(text).address().getAddress()).as(text).isEqualTo(jdk.getAddress());
      assertThat(IpPrefix.parse(jdk.getHostAddress())).as(jdk.getHostAddress()).isEqualTo(x);
      if (x.isIpv6()) {
        assertRfc5952(text, hi, lo);
      }
    }
  }

  /** Checks the RFC 5952 rules directly against the groups, independently of the formatter. */
  private static void assertRfc5952(String text, long hi, long lo) {
    int[] groups = new int[8];
    for (int g = 0; g < 4; g++) {
      groups[g] = (int) (hi >>> (48 - 16 * g)) & 0xFFFF;
      groups[g + 4] = (int) (lo >>> (48 - 16 * g)) & 0xFFFF;
    }
    int bestStart = -1;
    int bestLength = 0;
    for (int start = 0; start < 8; start++) {
      int length = 0;
      while (start + length < 8 && groups[start + length] == 0) {
        length++;
      }
      if (length >= 2 && length > bestLength) {
        bestStart = start;
        bestLength = length;
      }
    }
    StringBuilder expected = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        expected.append("::");
        g += bestLength - 1;
        continue;
      }
      if (expected.length() > 0 && expected.charAt(expected.length() - 1) != ':') {
        expected.append(':');
      }
      expected.append(Integer.toHexString(groups[g]));
    }
    assertThat(text).isEqualTo(expected.toString());
    assertThat(text).isEqualTo(text.toLowerCase()).doesNotContain(":::");
    assertThat(text.indexOf("::")).isEqualTo(text.lastIndexOf("::"));
    for (String group : text.split(":", -1)) {
      assertThat(group).as(text).matches(RFC5952_GROUPS);
    }
  }

  @Test
  void mutatedLiteralsAreRejectedOrDenoteExactlyWhatTheyAppearTo() {
    SplittableRandom r = new SplittableRandom(4);
    int accepted = 0;
    for (int i = 0; i < MUTANTS; i++) {
      String seed = RandomAddresses.validLiteral(r);
      String text = mutate(seed, r);
      IpPrefix parsed;
      try {
        parsed = IpPrefix.parse(text);
      } catch (AddressFormatException e) {
        assertThat(IpPrefix.tryParse(text)).as(quote(text)).isNull();
        assertThat(e.reason()).as(quote(text)).isNotBlank();
        assertThat(ReferenceParser.parse(text)).as(quote(text)).isNull();
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError("parse(" + quote(text) + ") threw " + e, e);
      }
      accepted++;
      assertThat(IpPrefix.parse(parsed.toString())).as(quote(text)).isEqualTo(parsed);
      assertThat(IpPrefix.tryParse(text)).as(quote(text)).isEqualTo(parsed);
      assertThat(ReferenceParser.parse(text)).as(quote(text)).isEqualTo(parsed);
      assertThat(text).as(quote(text)).matches("[0-9a-fA-F.:/]+");
    }
    // The mutations must leave some valid literals, or this test checks only the error path.
    assertThat(accepted).isBetween(MUTANTS / 20, MUTANTS * 19 / 20);
  }

  @Test
  void tryParseNeverThrowsOnRandomText() {
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < MUTANTS / 3; i++) {
      StringBuilder sb = new StringBuilder();
      int length = r.nextInt(r.nextInt(10) == 0 ? 200 : 50);
      for (int k = 0; k < length; k++) {
        sb.append(r.nextInt(3) == 0 ? (char) r.nextInt(0x10000)
            : MUTATION_CHARS.charAt(r.nextInt(MUTATION_CHARS.length())));
      }
      String text = sb.toString();
      // tryParse is called bare: any exception it throws fails the test.
      IpPrefix lenient = IpPrefix.tryParse(text);
      assertThat(lenient).as(quote(text)).isEqualTo(ReferenceParser.parse(text));
      if (lenient != null) {
        assertThat(IpPrefix.parse(text)).isEqualTo(lenient);
        continue;
      }
      try {
        IpPrefix.parse(text);
        fail("parse accepted what tryParse rejected: " + quote(text));
      } catch (AddressFormatException expected) {
        assertThat(expected.getMessage()).doesNotContain("\n", "\r", "\u0000");
      }
    }
  }

  /** One to three random insertions, deletions or replacements. */
  private static String mutate(String text, SplittableRandom r) {
    StringBuilder sb = new StringBuilder(text);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = r.nextInt(sb.length() + 1);
      char c = MUTATION_CHARS.charAt(r.nextInt(MUTATION_CHARS.length()));
      switch (r.nextInt(3)) {
        case 0:
          sb.insert(at, c);
          break;
        case 1:
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
          break;
        default:
          if (at < sb.length()) {
            sb.setCharAt(at, c);
          }
          break;
      }
    }
    return sb.toString();
  }

  private static String quote(String text) {
    return AddressFormatException.quote(text);
  }
}
