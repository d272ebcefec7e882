package io.github.apiban4j.internal.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits for a while. Tests swap in one that only advances a fake clock. */
@FunctionalInterface
public interface Sleeper {
  /** The real thing: blocks the calling thread. */
  Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(Math.max(0, saturatedNanos(duration)));

  /**
   * Blocks for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /** {@code duration} in nanoseconds, clamped to the range of a {@code long}. */
  static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
