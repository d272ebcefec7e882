package io.github.apiban4j.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} header (RFC 9110 section 10.2.3). */
public final class RetryAfter {
  /** Longer waits are cut to this: a typo or a hostile server must not stall a host for weeks. */
  public static final Duration MAX = Duration.ofDays(1);

  private RetryAfter() {}

  /**
   * The wait that {@code value} asks for, as delta-seconds ({@code 120}) or an HTTP-date
   * ({@code Wed, 21 Oct 2026 07:28:00 GMT}) counted from {@code now}; zero for a date in the past,
   * at most {@link #MAX}; empty if the header is absent or unreadable.
   */
  public static Optional<Duration> parse(String value, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.strip();
    if (text.isEmpty() || text.length() > 64) {
      return Optional.empty();
    }
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More digits than a long holds is still "a very long time".
      long seconds = text.length() > 18 ? Long.MAX_VALUE : Long.parseLong(text);
      return Optional.of(seconds >= MAX.getSeconds() ? MAX : Duration.ofSeconds(seconds));
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      if (wait.isNegative()) {
        return Optional.of(Duration.ZERO);
      }
      return Optional.of(wait.compareTo(MAX) > 0 ? MAX : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
