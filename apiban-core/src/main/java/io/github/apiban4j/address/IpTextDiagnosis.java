package io.github.apiban4j.address;

/**
 * Says why {@link IpTextParser} rejected a text, for {@link AddressFormatException#reason()}. Only
 * the error path runs this, so it favours clarity over speed; the parser itself stays a single
 * allocation-free pass. The reasons never contain the input, only facts about it, and the first
 * offending character decides when there is one (for {@code "1.2.3.4; rm -rf /"} that is the
 * {@code ;}).
 */
final class IpTextDiagnosis {
  private IpTextDiagnosis() {}

  /** Why {@code s} is not a literal; {@code s} must be text that {@link IpTextParser} rejected. */
  static String explain(CharSequence s, boolean allowPrefix) {
    int n = s.length();
    if (n == 0) {
      return "empty text is not an IP address";
    }
    if (n > IpTextParser.MAX_LENGTH) {
      return "too long to be an IP literal";
    }
    String why = explainCharacters(s);
    if (why != null) {
      return why;
    }
    String text = s.toString();
    int slash = text.indexOf('/');
    if (slash >= 0 && text.indexOf('/', slash + 1) >= 0) {
      return "more than one '/' in a prefix";
    }
    if (slash >= 0 && !allowPrefix) {
      return "expected a single address, not a prefix";
    }
    String address = slash < 0 ? text : text.substring(0, slash);
    boolean v6 = address.indexOf(':') >= 0;
    why = v6 ? explainIpv6(address) : explainIpv4(address);
    if (why != null) {
      return why;
    }
    if (slash < 0) {
      return "not a valid IP literal"; // unreachable for text the parser rejected
    }
    int max = v6 ? 128 : 32;
    String length = text.substring(slash + 1);
    if (!length.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(length) > max) {
      return "prefix length must be a plain decimal number from 0 to " + max;
    }
    return "host bits are set; did you mean the network "
        + network(address, v6, Integer.parseInt(length)) + "?";
  }

  private static String explainCharacters(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
        return "whitespace or control characters in an IP literal";
      }
      if (c == '%') {
        return "zone ids are not accepted in an IP literal";
      }
      if (c >= 0x80) {
        // Also catches non-ASCII digits, which Character.isDigit and Integer.parseInt accept.
        return "non-ASCII characters in an IP literal (only ASCII digits count)";
      }
      if ((c == 'x' || c == 'X') && i > 0 && s.charAt(i - 1) == '0'
          && (i == 1 || !isHexDigit(s.charAt(i - 2)))) {
        return "hexadecimal forms (0x...) are not accepted in an IP literal";
      }
      if (isAsciiLetter(c) && !isHexDigit(c)) {
        return "not a numeric IP literal (names are never resolved)";
      }
      if (!isHexDigit(c) && c != '.' && c != ':' && c != '/') {
        return "characters that are not part of an IP literal";
      }
    }
    return null;
  }

  /** Why a text of digits, hex letters and dots is not a dotted quad; null if it is one. */
  private static String explainIpv4(String a) {
    for (int i = 0; i < a.length(); i++) {
      if (isAsciiLetter(a.charAt(i))) {
        return "not a numeric IP literal (names are never resolved)";
      }
    }
    String[] octets = a.split("\\.", -1);
    if (octets.length != 4) {
      return "an IPv4 literal has exactly four decimal octets";
    }
    for (String o : octets) {
      if (o.isEmpty()) {
        return "an IPv4 literal has exactly four decimal octets";
      }
    }
    for (String o : octets) {
      if (o.length() > 1 && o.charAt(0) == '0') {
        return "leading zeros are not accepted in an IPv4 literal (some parsers read octal)";
      }
    }
    for (String o : octets) {
      if (o.length() > 3 || Integer.parseInt(o) > 255) {
        return "an IPv4 octet is at most 255";
      }
    }
    return null;
  }

  /** Why a text with a colon is not RFC 4291 text; null if it is. */
  private static String explainIpv6(String a) {
    int colon = a.lastIndexOf(':');
    if (colon == a.indexOf(':') && explainIpv4(a.substring(0, colon)) == null) {
      return "ports are not accepted in an IP literal";
    }
    int gap = a.indexOf("::");
    if (gap >= 0 && a.indexOf("::", gap + 1) >= 0) {
      return "'::' may appear only once in an IPv6 literal";
    }
    String hex = a;
    if (a.indexOf('.') >= 0) {
      if (a.indexOf('.') < colon) {
        return "an embedded IPv4 address must end an IPv6 literal";
      }
      String why = explainIpv4(a.substring(colon + 1));
      if (why != null) {
        return why;
      }
      hex = a.substring(0, colon + 1) + "0:0"; // the tail counts as two groups
    }
    if (hex.startsWith(":") && !hex.startsWith("::") || hex.endsWith(":") && !hex.endsWith("::")) {
      return "a single ':' cannot start or end an IPv6 literal";
    }
    gap = hex.indexOf("::");
    String[] sides = gap < 0
        ? new String[] {hex}
        : new String[] {hex.substring(0, gap), hex.substring(gap + 2)};
    int groups = 0;
    for (String side : sides) {
      if (side.isEmpty()) {
        continue;
      }
      for (String group : side.split(":", -1)) {
        if (group.length() > 4) {
          return "an IPv6 group has at most four hex digits";
        }
        groups++;
      }
    }
    if (gap < 0 ? groups != 8 : groups > 7) {
      return "an IPv6 literal has eight groups, or fewer with '::'";
    }
    return null;
  }

  /** The network that {@code address/length} was probably meant to be, in canonical text. */
  private static String network(String address, boolean v6, int length) {
    if (!v6) {
      int bits = (int) IpTextParser.parseIpv4(address, 0, address.length());
      return IpPrefix.ipv4(bits & IpPrefix.mask32(length), length).toString();
    }
    long[] v = new long[2];
    IpTextParser.parseIpv6(address, 0, address.length(), v);
    // Mask in IPv6 terms first: ::ffff:192.0.2.1/64 means ::/64, not an IPv4 prefix.
    long hi = v[0] & IpPrefix.mask64Hi(length);
    long lo = v[1] & IpPrefix.mask64Lo(length);
    return IpPrefix.ipv6(hi, lo, length).toString();
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isHexDigit(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
