package io.github.apiban4j.address;

import java.util.SplittableRandom;

/**
 * Random address values and literals for property tests. Every caller passes its own seeded
 * {@link SplittableRandom}, so a failure reproduces exactly.
 */
final class RandomAddresses {
  private RandomAddresses() {}

  static IpPrefix ipv4Host(SplittableRandom r) {
    return IpPrefix.ipv4(r.nextInt(), 32);
  }

  static IpPrefix ipv4Prefix(SplittableRandom r) {
    int length = r.nextInt(33);
    return IpPrefix.ipv4(r.nextInt() & IpPrefix.mask32(length), length);
  }

  /**
   * An IPv6 address whose groups are often zero, so that the text has zero runs of every length
   * and position (uniform random bits would almost never have one).
   */
  static IpPrefix ipv6Host(SplittableRandom r) {
    return IpPrefix.ipv6(sparseGroups(r), sparseGroups(r), 128);
  }

  static IpPrefix ipv6Prefix(SplittableRandom r) {
    int length = r.nextInt(129);
    long hi = sparseGroups(r) & IpPrefix.mask64Hi(length);
    long lo = sparseGroups(r) & IpPrefix.mask64Lo(length);
    return IpPrefix.ipv6(hi, lo, length);
  }

  /** Any of the four kinds, IPv4 and IPv6 alike. */
  static IpPrefix any(SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0:
        return ipv4Host(r);
      case 1:
        return ipv4Prefix(r);
      case 2:
        return ipv6Host(r);
      default:
        return ipv6Prefix(r);
    }
  }

  /** Four 16-bit groups, each zero with probability 0.4 and otherwise of 1 to 4 hex digits. */
  static long sparseGroups(SplittableRandom r) {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      int group = r.nextInt(5) < 2 ? 0 : r.nextInt(1 << (4 * (1 + r.nextInt(4))));
      v = (v << 16) | group;
    }
    return v;
  }

  /**
   * A valid literal in one of the forms the parser accepts, canonical or not: upper case, leading
   * zeros in IPv6 groups, the full eight groups, an embedded IPv4 tail, an explicit full length.
   */
  static String validLiteral(SplittableRandom r) {
    IpPrefix p = any(r);
    String text = p.toString();
    if (p.isIpv6()) {
      switch (r.nextInt(5)) {
        case 0:
          text = text.toUpperCase();
          break;
        case 1:
          text = fullIpv6(p.ipv6High(), p.ipv6Low(), r.nextBoolean());
          break;
        case 2:
          text = withIpv4Tail(p.ipv6High(), p.ipv6Low());
          break;
        default:
          break;
      }
      if (p.isSingleAddress() && r.nextInt(4) == 0) {
        text += "/128";
      }
      if (!p.isSingleAddress() && text.indexOf('/') < 0) {
        text += "/" + p.length();
      }
    } else if (p.isSingleAddress() && r.nextInt(4) == 0) {
      text += "/32";
    }
    return text;
  }

  /** All eight groups, optionally zero-padded to four digits. */
  static String fullIpv6(long hi, long lo, boolean padded) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      long half = i < 4 ? hi : lo;
      int group = (int) (half >>> (48 - 16 * (i % 4))) & 0xFFFF;
      if (i > 0) {
        sb.append(':');
      }
      sb.append(padded ? String.format("%04x", group) : Integer.toHexString(group));
    }
    return sb.toString();
  }

  /** Six groups and the last 32 bits as a dotted quad. */
  static String withIpv4Tail(long hi, long lo) {
    String full = fullIpv6(hi, lo, false);
    int cut = nthIndexOf(full, ':', 6);
    StringBuilder sb = new StringBuilder(full.substring(0, cut + 1));
    IpTextFormat.appendIpv4(sb, (int) lo);
    return sb.toString();
  }

  private static int nthIndexOf(String s, char c, int n) {
    int at = -1;
    for (int i = 0; i < n; i++) {
      at = s.indexOf(c, at + 1);
    }
    return at;
  }
}
