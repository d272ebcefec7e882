package io.github.apiban4j.address;

import java.util.regex.Pattern;

/**
 * A second, deliberately naive implementation of the literal grammar, built from regular
 * expressions and {@code String.split}, used as an oracle for {@link IpPrefix#parse} in the
 * property tests. It shares no code with the parser: a disagreement is a bug in one of the two.
 */
final class ReferenceParser {
  private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
  private static final Pattern GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
  private static final Pattern LENGTH = Pattern.compile("0|[1-9][0-9]{0,2}");

  private ReferenceParser() {}

  /** The value {@code text} denotes, or {@code null} if it is not a literal. */
  static IpPrefix parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length > 2) {
      return null;
    }
    boolean v6 = parts[0].contains(":");
    int max = v6 ? 128 : 32;
    int length = max;
    if (parts.length == 2) {
      if (!LENGTH.matcher(parts[1]).matches() || Integer.parseInt(parts[1]) > max) {
        return null;
      }
      length = Integer.parseInt(parts[1]);
    }
    if (!v6) {
      Long bits = ipv4(parts[0]);
      if (bits == null) {
        return null;
      }
      long hostMask = length == 32 ? 0 : (1L << (32 - length)) - 1;
      return (bits & hostMask) != 0 ? null : IpPrefix.ipv4(bits.intValue(), length);
    }
    int[] groups = ipv6(parts[0]);
    if (groups == null) {
      return null;
    }
    // Host bits, group by group: bit b of the address is set and b >= length.
    for (int g = 0; g < 8; g++) {
      for (int b = 0; b < 16; b++) {
        boolean set = (groups[g] & (0x8000 >>> b)) != 0;
        if (set && 16 * g + b >= length) {
          return null;
        }
      }
    }
    boolean mapped = groups[5] == 0xFFFF && length >= 96;
    for (int g = 0; g < 5; g++) {
      mapped &= groups[g] == 0;
    }
    if (mapped) {
      return IpPrefix.ipv4((groups[6] << 16) | groups[7], length - 96);
    }
    long hi = 0;
    long lo = 0;
    for (int g = 0; g < 4; g++) {
      hi = (hi << 16) | groups[g];
      lo = (lo << 16) | groups[g + 4];
    }
    return IpPrefix.ipv6(hi, lo, length);
  }

  private static Long ipv4(String s) {
    String[] octets = s.split("\\.", -1);
    if (octets.length != 4) {
      return null;
    }
    long bits = 0;
    for (String o : octets) {
      if (!OCTET.matcher(o).matches() || Integer.parseInt(o) > 255) {
        return null;
      }
      bits = (bits << 8) | Integer.parseInt(o);
    }
    return bits;
  }

  private static int[] ipv6(String s) {
    if (s.indexOf('.') >= 0) {
      // An IPv4 tail: rewrite it as two hex groups, then parse plain hex text.
      int colon = s.lastIndexOf(':');
      Long v4 = ipv4(s.substring(colon + 1));
      if (v4 == null) {
        return null;
      }
      s = s.substring(0, colon + 1) + Long.toHexString(v4 >>> 16) + ":"
          + Long.toHexString(v4 & 0xFFFF);
    }
    int gap = s.indexOf("::");
    if (gap != s.lastIndexOf("::")) {
      return null; // two gaps, or ":::"
    }
    if (gap < 0) {
      int[] groups = hexGroups(s);
      return groups != null && groups.length == 8 ? groups : null;
    }
    int[] head = gap == 0 ? new int[0] : hexGroups(s.substring(0, gap));
    int[] tail = gap + 2 == s.length() ? new int[0] : hexGroups(s.substring(gap + 2));
    if (head == null || tail == null || head.length + tail.length > 7) {
      return null;
    }
    int[] groups = new int[8];
    System.arraycopy(head, 0, groups, 0, head.length);
    System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
    return groups;
  }

  private static int[] hexGroups(String s) {
    String[] texts = s.split(":", -1);
    int[] groups = new int[texts.length];
    for (int i = 0; i < texts.length; i++) {
      if (!GROUP.matcher(texts[i]).matches()) {
        return null;
      }
      groups[i] = Integer.parseInt(texts[i], 16);
    }
    return groups;
  }
}
