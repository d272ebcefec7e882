package io.github.apiban4j.internal.http;

/**
 * The syntax of the APIBAN feed cursor (the reply's {@code ID}). The cursor comes from the network
 * and goes back into the next request, for v1 into the URL path, so nothing but digits may pass.
 */
public final class Cursors {
  /** The {@code ID} that marks the end of the feed. */
  public static final String END = "none";

  private Cursors() {}

  /** Whether {@code text} is 1 to 20 ASCII digits (a Unix time fits; it is never parsed). */
  public static boolean isCursor(String text) {
    int n = text.length();
    if (n < 1 || n > 20) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
