package io.github.apiban4j.internal.http;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1 for the first retry) wait a
 * uniformly random time in {@code [0, min(max, initial * 2^(n-1))]}. Full jitter spreads the
 * retries of many hosts that failed together, which matters when every APIBAN client polls on the
 * minute.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;

  public Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial must be positive");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max must not be less than initial");
    }
    this.initial = initial;
    this.max = max;
  }

  /** The upper bound of the wait before retry {@code retry} (1-based). */
  public Duration ceiling(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be at least 1");
    }
    int shift = Math.min(retry - 1, 62);
    long initialNanos = Sleeper.saturatedNanos(initial);
    long maxNanos = Sleeper.saturatedNanos(max);
    long ceiling = initialNanos > (maxNanos >> shift) ? maxNanos : initialNanos << shift;
    return Duration.ofNanos(Math.min(ceiling, maxNanos));
  }

  /** A random wait before retry {@code retry}, within {@code [0, ceiling(retry)]}. */
  public Duration delay(int retry, RandomGenerator random) {
    long ceiling = ceiling(retry).toNanos();
    return Duration.ofNanos(ceiling == Long.MAX_VALUE
        ? random.nextLong(0, ceiling) : random.nextLong(0, ceiling + 1));
  }

  /** The longest wait. */
  public Duration max() {
    return max;
  }
}
