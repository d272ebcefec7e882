package io.github.apiban4j.internal;

/**
 * Makes text from the network or from files safe to put in a message or a log line: everything but
 * printable ASCII becomes a backslash-u escape, so that no newline can forge a log record, no
 * terminal escape sequence can run and no bidirectional control can disguise what is shown, and the
 * length is capped.
 */
public final class SafeText {
  private SafeText() {}

  /** Whether {@code text} is printable ASCII throughout (or null). */
  public static boolean isSafe(CharSequence text) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code text} with every character outside printable ASCII, and each of {@code alsoEscape},
   * written as a backslash-u escape; at most {@code limit} characters of it are kept, and a cut is
   * marked with the full length.
   */
  public static String escape(CharSequence text, int limit, String alsoEscape) {
    int n = Math.min(text.length(), limit);
    StringBuilder sb = new StringBuilder(n + 16);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F && alsoEscape.indexOf(c) < 0) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    if (text.length() > limit) {
      sb.append("... (").append(text.length()).append(" chars)");
    }
    return sb.toString();
  }
}
