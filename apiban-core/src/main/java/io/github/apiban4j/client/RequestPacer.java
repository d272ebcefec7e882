package io.github.apiban4j.client;

import io.github.apiban4j.internal.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Spaces requests to stay under APIBAN's rate limit: a token bucket that holds {@code requests}
 * permits and refills one every {@code window / requests}. With the documented limit of 11
 * requests in 2 minutes, 11 requests go out at once and each further one waits about 10.9 s.
 *
 * <p>The limit is per key, not per client: every {@link ApibanClient} of a process that uses the
 * same key shares one pacer by default, and several processes or hosts that share a key should
 * each be given a smaller share of the limit.
 *
 * <p>A {@code 429} reply's {@code Retry-After} holds every permit until that time
 * ({@link #holdUntil}), for every client sharing the pacer.
 *
 * <p>Thread-safe; waiting threads are not served in any particular order.
 */
public final class RequestPacer {
  /** APIBAN's documented limit: 11 requests in 2 minutes per key. */
  static final int DEFAULT_REQUESTS = 11;

  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(2);

  private static final ConcurrentMap<String, RequestPacer> SHARED = new ConcurrentHashMap<>();

  private final int requests;
  private final Duration window;
  private final long intervalNanos;
  // requests * interval: the window, give or take the nanoseconds lost dividing it.
  private final long fullNanos;
  private final Clock clock;
  private final Sleeper sleeper;

  // Generic cell rate algorithm: the time at which the bucket would be full again, in epoch
  // nanoseconds. A permit is free while that time is at most (requests - 1) intervals ahead.
  private long theoreticalArrival = Long.MIN_VALUE;
  private long holdUntil = Long.MIN_VALUE;

  private RequestPacer(int requests, Duration window, Clock clock, Sleeper sleeper) {
    this.requests = requests;
    this.window = window;
    this.intervalNanos = requests == 0 ? 0 : Sleeper.saturatedNanos(window) / requests;
    this.fullNanos = intervalNanos * requests;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * A pacer that allows {@code requests} requests in any {@code window}.
   *
   * @throws IllegalArgumentException if {@code requests} is less than 1 (use {@link #unlimited()})
   *     or {@code window} is not positive
   */
  public static RequestPacer of(int requests, Duration window) {
    return create(requests, window, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /** A pacer that never waits, except for {@link #holdUntil}: for a local mirror or a benchmark. */
  public static RequestPacer unlimited() {
    return new RequestPacer(0, Duration.ZERO, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /** {@link #of} with the time source and the wait swapped out (tests). */
  static RequestPacer create(int requests, Duration window, Clock clock, Sleeper sleeper) {
    Objects.requireNonNull(window, "window");
    if (requests < 1) {
      throw new IllegalArgumentException(
          "requests must be at least 1; use unlimited() for no limit");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
    return new RequestPacer(requests, window, clock, sleeper);
  }

  /** {@link #unlimited()} with the time source and the wait swapped out (tests). */
  static RequestPacer unlimited(Clock clock, Sleeper sleeper) {
    return new RequestPacer(0, Duration.ZERO, clock, sleeper);
  }

  /** The pacer every client of this process shares for {@code key}: APIBAN's documented limit. */
  static RequestPacer sharedFor(ApiKey key) {
    return SHARED.computeIfAbsent(key.fingerprint(), f -> of(DEFAULT_REQUESTS, DEFAULT_WINDOW));
  }

  /**
   * Takes a permit, waiting as long as needed (and at least until any {@link #holdUntil} time).
   *
   * @throws InterruptedException if the thread is interrupted before or while waiting
   */
  public void acquire() throws InterruptedException {
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long wait;
      synchronized (this) {
        long now = now();
        wait = waitNanos(now);
        if (wait <= 0) {
          if (requests > 0) {
            theoreticalArrival = Math.max(theoreticalArrival, now) + intervalNanos;
          }
          return;
        }
      }
      // Sleep outside the lock, then look again: another thread may have taken the permit.
      sleeper.sleep(Duration.ofNanos(wait));
    }
  }

  /** How long {@link #acquire()} would wait now; zero if a permit is free. */
  public Duration delayUntilNextPermit() {
    synchronized (this) {
      return Duration.ofNanos(Math.max(0, waitNanos(now())));
    }
  }

  /**
   * No permit is given before {@code instant}. A later call can only extend the hold, never shorten
   * it.
   */
  public void holdUntil(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    long at = toNanos(instant);
    synchronized (this) {
      holdUntil = Math.max(holdUntil, at);
    }
  }

  /** The window of the limit, after which a full bucket is whole again; zero when unlimited. */
  public Duration window() {
    return window;
  }

  /** Whether this pacer never spaces requests (it still honours {@link #holdUntil}). */
  public boolean isUnlimited() {
    return requests == 0;
  }

  // Guarded by this.
  private long waitNanos(long now) {
    long wait = holdUntil == Long.MIN_VALUE ? 0 : holdUntil - now;
    if (requests > 0 && theoreticalArrival != Long.MIN_VALUE) {
      if (theoreticalArrival - now > fullNanos) {
        // The clock went back: the bucket cannot be emptier than empty.
        theoreticalArrival = now + fullNanos;
      }
      wait = Math.max(wait, theoreticalArrival - (fullNanos - intervalNanos) - now);
    }
    return wait;
  }

  private long now() {
    return toNanos(clock.instant());
  }

  private static long toNanos(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
          instant.getNano());
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return isUnlimited() ? "RequestPacer[unlimited]"
        : "RequestPacer[" + requests + " requests per " + window + "]";
  }
}
