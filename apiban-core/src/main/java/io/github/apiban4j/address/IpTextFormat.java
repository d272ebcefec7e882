package io.github.apiban4j.address;

/** Canonical text forms: dotted quad for IPv4, RFC 5952 for IPv6. */
final class IpTextFormat {
  private IpTextFormat() {}

  static void appendIpv4(StringBuilder sb, int bits) {
    sb.append(bits >>> 24).append('.').append((bits >>> 16) & 0xFF).append('.')
        .append((bits >>> 8) & 0xFF).append('.').append(bits & 0xFF);
  }

  static void appendIpv6(StringBuilder sb, long hi, long lo) {
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
      groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
    }
    // RFC 5952 4.2: compress the longest run of two or more zero groups, the first on a tie.
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLen) {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
  }
}
