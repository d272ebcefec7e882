package io.github.apiban4j.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An APIBAN key. It is a secret: {@link #toString()} never shows it, no exception message contains
 * it, and it is only ever sent in the request (an {@code Authorization} header for the v2 API, the
 * URL path for v1). The key is read from a file or the environment, never from a command line, where
 * every user of the machine could see it.
 */
public final class ApiKey {
  /** The environment variable the CLI reads the key from. */
  public static final String ENVIRONMENT_VARIABLE = "APIBAN_KEY";

  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * A key from its text, trimmed.
   *
   * @throws IllegalArgumentException if the key is empty or holds characters that cannot be sent in a
   *     header or a URL path segment (the message does not show the key)
   */
  public static ApiKey of(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("the APIBAN key is empty");
    }
    if (trimmed.length() > 256) {
      throw new IllegalArgumentException("the APIBAN key is longer than 256 characters");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '_' || c == '.' || c == '~';
      if (!ok) {
        throw new IllegalArgumentException("the APIBAN key contains a character other than letters,"
            + " digits, '-', '_', '.' or '~' (at position " + (i + 1) + ")");
      }
    }
    return new ApiKey(trimmed);
  }

  /**
   * The key in the first non-empty line of {@code file}. A file that other users can read gets a
   * warning through {@link System.Logger}, since anyone who can read it can use the key.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it holds no valid key
   */
  public static ApiKey fromFile(Path file) throws IOException {
    warnIfReadableByOthers(file);
    String content = Files.readString(file, StandardCharsets.UTF_8);
    for (String line : content.split("\r?\n")) {
      if (!line.isBlank()) {
        try {
          return of(line);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(e.getMessage() + " in key file " + file, e);
        }
      }
    }
    throw new IllegalArgumentException("key file " + file + " holds no key");
  }

  /** The key in {@code environment.get(APIBAN_KEY)}, if set and not blank. */
  public static Optional<ApiKey> fromEnvironment(Map<String, String> environment) {
    String text = environment.get(ENVIRONMENT_VARIABLE);
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(of(text));
  }

  /**
   * Logs a warning if {@code file} can be read by its group or by others. Used for every file that
   * holds a key: a key file and an official client's {@code config.json}.
   */
  public static void warnIfReadableByOthers(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file); // the target's
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ)) {
        System.getLogger("io.github.apiban4j").log(System.Logger.Level.WARNING,
            "{0} holds the APIBAN key and is readable by other users; run: chmod 600 {0}", file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system, or the file is missing: reading it reports the real problem.
    }
  }

  /**
   * A short, stable fingerprint of the key (the first 8 hex digits of its SHA-256), to tell keys
   * apart in logs and state without revealing them.
   */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is required of every JDK", e);
    }
  }

  /** The key itself: only for building the request. */
  String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey k && MessageDigest.isEqual(
        k.value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[redacted, fingerprint " + fingerprint() + "]";
  }
}
