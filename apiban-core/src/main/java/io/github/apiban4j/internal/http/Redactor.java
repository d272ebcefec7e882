package io.github.apiban4j.internal.http;

import io.github.apiban4j.internal.SafeText;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Keeps the API key out of exception messages, and text from the network out of them in raw form.
 * The v1 API puts the key in the URL path, and libraries like to quote URLs in their messages; a
 * JSON parser quotes the member names of a hostile reply. An exception is logged far from where it
 * was thrown, so everything the client throws or wraps passes through here first: the key is
 * masked and every character outside printable ASCII is escaped ({@link SafeText}).
 */
public final class Redactor {
  /** What the key is replaced with. */
  public static final String MASK = "<redacted>";

  private static final int MAX_DEPTH = 16;
  private static final int MAX_MESSAGE = 2000;

  private final String secret;

  public Redactor(String secret) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret is empty");
    }
    this.secret = secret;
  }

  /**
   * {@code text} with every occurrence of the key masked and control or non-ASCII characters
   * escaped; {@code null} stays {@code null}.
   */
  public String scrub(String text) {
    if (text == null || !shows(text)) {
      return text;
    }
    return SafeText.escape(text.replace(secret, MASK), MAX_MESSAGE, "");
  }

  /**
   * {@code failure} itself if no message, string form or cause in its chain shows the key;
   * otherwise a copy of the whole chain with the key masked (a {@link RedactedException} for each
   * link, keeping the original class name and stack trace).
   */
  public Throwable scrub(Throwable failure) {
    if (failure == null || !leaks(failure, new IdentityHashMap<>(), 0)) {
      return failure;
    }
    return copy(failure, new IdentityHashMap<>(), 0);
  }

  private boolean leaks(Throwable t, Map<Throwable, Boolean> seen, int depth) {
    if (t == null || depth > MAX_DEPTH || seen.put(t, Boolean.TRUE) != null) {
      return false;
    }
    if (shows(t.getMessage()) || shows(t.getLocalizedMessage()) || shows(t.toString())) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (leaks(s, seen, depth + 1)) {
        return true;
      }
    }
    return leaks(t.getCause(), seen, depth + 1);
  }

  /** Whether {@code text} shows the key, or anything that is not printable ASCII. */
  private boolean shows(String text) {
    return text != null && (text.contains(secret) || !SafeText.isSafe(text));
  }

  private RedactedException copy(Throwable t, Map<Throwable, RedactedException> done, int depth) {
    RedactedException existing = done.get(t);
    if (existing != null) {
      return existing;
    }
    RedactedException copy = new RedactedException(
        t.getClass().getName(), scrub(t.getMessage()), scrub(t.toString()));
    done.put(t, copy);
    copy.setStackTrace(t.getStackTrace());
    if (depth < MAX_DEPTH) {
      Throwable cause = t.getCause();
      if (cause != null && cause != t) {
        copy.initCause(copy(cause, done, depth + 1));
      }
      for (Throwable s : t.getSuppressed()) {
        copy.addSuppressed(copy(s, done, depth + 1));
      }
    }
    return copy;
  }

  /** Stands in for an exception whose message showed the key; it prints like the original. */
  public static final class RedactedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String originalClass;
    private final String text;

    RedactedException(String originalClass, String message, String text) {
      super(message);
      this.originalClass = originalClass;
      this.text = text;
    }

    /** The class name of the exception this one replaces. */
    public String originalClass() {
      return originalClass;
    }

    @Override
    public String toString() {
      return text + " [key redacted]";
    }
  }
}
