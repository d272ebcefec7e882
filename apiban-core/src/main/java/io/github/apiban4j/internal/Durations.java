package io.github.apiban4j.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations that people write: {@code 7d}, {@code 12h}, {@code 1h30m}, {@code 500ms}, ISO-8601. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * A non-negative duration.
   *
   * @throws IllegalArgumentException if {@code text} is neither ISO-8601 nor number-unit pairs
   */
  public static Duration parse(String text) {
    String s = text.trim();
    if (s.startsWith("P") || s.startsWith("p")) {
      try {
        Duration d = Duration.parse(s);
        if (!d.isNegative()) {
          return d;
        }
      } catch (RuntimeException e) {
        // reported below
      }
      throw invalid(text);
    }
    Matcher m = PART.matcher(s.toLowerCase(java.util.Locale.ROOT));
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.lookingAt()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      end = m.end();
      m.region(end, s.length());
    }
    if (end == 0 || end != s.length()) {
      throw invalid(text);
    }
    return total;
  }

  /** The shortest of the forms {@link #parse} reads: {@code 7d}, {@code 90s}, {@code 1h30m}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long days = d.toDays();
    if (days > 0) {
      sb.append(days).append('d');
    }
    if (d.toHoursPart() > 0) {
      sb.append(d.toHoursPart()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      sb.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0) {
      sb.append(d.toSecondsPart()).append('s');
    }
    if (d.toMillisPart() > 0) {
      sb.append(d.toMillisPart()).append("ms");
    }
    return sb.toString();
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text
        + "' is not a duration; write e.g. 7d, 12h, 30m, 90s, 500ms or ISO-8601 like PT5M");
  }
}
