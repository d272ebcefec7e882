package io.github.apiban4j.address;

import io.github.apiban4j.internal.SafeText;

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
    boolean cut = text.length() > QUOTE_LIMIT;
    String quoted = '"' + SafeText.escape(cut ? text.subSequence(0, QUOTE_LIMIT) : text,
        QUOTE_LIMIT, "\"\\") + '"';
    return cut ? quoted + "... (" + text.length() + " chars)" : quoted;
  }
}
