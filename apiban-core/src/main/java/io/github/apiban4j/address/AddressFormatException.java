package io.github.apiban4j.address;

/**
 * Text that is not a valid IP address or prefix literal. The message quotes the offending text with
 * control and non-ASCII characters escaped and its length capped, so that hostile input cannot forge
 * log lines.
 */
public final class AddressFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final int QUOTE_LIMIT = 64;

  private final String reason;

  AddressFormatException(CharSequence input, String reason) {
    super(reason + ": " + quote(input));
    this.reason = reason;
  }

  /** Why the text was rejected, without the text itself. */
  public String reason() {
    return reason;
  }

  /** {@code text} in double quotes, printable ASCII only, at most 64 characters of it. */
  public static String quote(CharSequence text) {
    StringBuilder sb = new StringBuilder(QUOTE_LIMIT + 8).append('"');
    int n = Math.min(text.length(), QUOTE_LIMIT);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    sb.append('"');
    if (text.length() > QUOTE_LIMIT) {
      sb.append("… (").append(text.length()).append(" chars)");
    }
    return sb.toString();
  }
}
