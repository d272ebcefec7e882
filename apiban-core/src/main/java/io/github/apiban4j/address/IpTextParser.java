package io.github.apiban4j.address;

/**
 * The strict literal parser behind {@link IpPrefix#parse}. It never throws on bad input (that path
 * carries hostile feed entries at volume) and allocates nothing but the result for IPv4. Why a text
 * was rejected is {@link IpTextDiagnosis}'s business.
 */
final class IpTextParser {
  /** Longer than any literal: {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128} is 49. */
  static final int MAX_LENGTH = 64;

  private IpTextParser() {}

  /** The parsed value, or {@code null} when {@code s} is not exactly one literal. */
  static IpPrefix parse(CharSequence s, boolean allowPrefix) {
    int n = s.length();
    if (n == 0 || n > MAX_LENGTH) {
      return null;
    }
    int slash = -1;
    boolean colon = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '/') {
        if (slash >= 0) {
          return null;
        }
        slash = i;
      } else if (c == ':') {
        colon = true;
      }
    }
    int end = slash < 0 ? n : slash;
    if (slash >= 0 && !allowPrefix) {
      return null;
    }
    int max = colon ? 128 : 32;
    int length = slash < 0 ? max : parseLength(s, slash + 1, n, max);
    if (length < 0) {
      return null;
    }
    if (!colon) {
      long bits = parseIpv4(s, 0, end);
      if (bits < 0 || (length < 32 && (bits & ~(IpPrefix.mask32(length) & 0xFFFF_FFFFL)) != 0)) {
        return null;
      }
      return new IpPrefix(false, 0, bits, length);
    }
    long[] v6 = new long[2];
    if (!parseIpv6(s, 0, end, v6)) {
      return null;
    }
    long hi = v6[0];
    long lo = v6[1];
    if ((hi & ~IpPrefix.mask64Hi(length)) != 0 || (lo & ~IpPrefix.mask64Lo(length)) != 0) {
      return null;
    }
    return IpPrefix.ipv6OrMapped(hi, lo, length);
  }

  /** A decimal prefix length without leading zeros, at most {@code max}; -1 if invalid. */
  private static int parseLength(CharSequence s, int from, int to, int max) {
    int digits = to - from;
    if (digits < 1 || digits > 3 || (digits > 1 && s.charAt(from) == '0')) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= max ? value : -1;
  }

  /** Dotted-quad IPv4 as an unsigned 32-bit value, or -1 if invalid. */
  static long parseIpv4(CharSequence s, int from, int to) {
    long result = 0;
    int octets = 0;
    int value = 0;
    int digits = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits > 0 && value == 0) {
          return -1; // leading zero: "01" would be octal to inet_aton
        }
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return -1;
        }
      } else if (c == '.') {
        if (digits == 0 || ++octets > 3) {
          return -1;
        }
        result = (result << 8) | value;
        value = 0;
        digits = 0;
      } else {
        return -1;
      }
    }
    if (digits == 0 || octets != 3) {
      return -1;
    }
    return (result << 8) | value;
  }

  /** RFC 4291 section 2.2 text into {@code out[0]} (high) and {@code out[1]} (low). */
  static boolean parseIpv6(CharSequence s, int from, int to, long[] out) {
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = from;
    if (to - from >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
      gap = 0;
      i += 2;
    }
    while (i < to) {
      int start = i;
      int value = 0;
      int digits = 0;
      int hex;
      while (i < to && (hex = Character.digit(s.charAt(i), 16)) >= 0 && s.charAt(i) < 0x80) {
        value = (value << 4) | hex;
        if (++digits > 4) {
          return false;
        }
        i++;
      }
      if (i < to && s.charAt(i) == '.') {
        long v4 = count <= 6 ? parseIpv4(s, start, to) : -1;
        if (v4 < 0) {
          return false;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xFFFF);
        i = to;
        break;
      }
      if (digits == 0 || count == 8) {
        return false;
      }
      groups[count++] = value;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < to && s.charAt(i) == ':') {
        if (gap >= 0) {
          return false;
        }
        gap = count;
        i++;
      } else if (i == to) {
        return false; // a single trailing colon
      }
    }
    if (gap < 0 ? count != 8 : count > 7) {
      return false;
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      System.arraycopy(groups, 0, full, 0, gap);
      int tail = count - gap;
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    long hi = 0;
    long lo = 0;
    for (int g = 0; g < 4; g++) {
      hi = (hi << 16) | full[g];
      lo = (lo << 16) | full[g + 4];
    }
    out[0] = hi;
    out[1] = lo;
    return true;
  }
}
