package io.github.apiban4j.internal.sync;

import io.github.apiban4j.StopReason;
import io.github.apiban4j.SyncResult;
import java.time.Duration;

/**
 * The delays of a sync schedule, shared by the library's scheduler and the CLI's daemon: the
 * interval, doubled after each failure in a row up to an hour (or the interval, if longer), and
 * lengthened by a random fraction so that many hosts started together do not ask APIBAN at the
 * same second.
 */
public final class RetryDelay {
  static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private RetryDelay() {}

  /**
   * Whether a run that returned counts as a failure for the backoff: one that APIBAN's errors or
   * the network stopped. A rate limit is not (the client already holds its requests for as long
   * as asked), nor a stop on request or a stalled feed.
   */
  public static boolean countsAsFailure(SyncResult result) {
    StopReason reason = result.stopReason().orElse(null);
    return reason == StopReason.SERVER_ERROR || reason == StopReason.NETWORK_ERROR;
  }

  /** The delay after {@code failures} failures in a row; the interval itself after none. */
  public static Duration afterFailures(Duration interval, int failures) {
    Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
    Duration d = interval.multipliedBy(1L << Math.min(Math.max(failures, 0), 20));
    return d.compareTo(cap) > 0 ? cap : d;
  }

  /**
   * {@code base} lengthened by {@code fraction} of itself times {@code random}.
   *
   * @param fraction the most the delay grows, as a fraction of it (0.1: by up to 10%)
   * @param random a number in [0, 1)
   */
  public static Duration jittered(Duration base, double fraction, double random) {
    return base.plusMillis((long) (base.toMillis() * fraction * random));
  }
}
