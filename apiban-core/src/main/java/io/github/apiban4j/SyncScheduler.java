package io.github.apiban4j;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Runs a {@link BlocklistSync} on a fixed interval with jitter and failure backoff. */
final class SyncScheduler {
  private static final System.Logger LOG = System.getLogger("io.github.apiban4j");
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private final BlocklistSync sync;
  private final Duration shutdownGrace;
  private ScheduledExecutorService executor;
  private ScheduledFuture<?> next;
  private Duration interval;
  private int consecutiveFailures;
  private boolean closed;

  SyncScheduler(BlocklistSync sync, Duration shutdownGrace) {
    this.sync = sync;
    this.shutdownGrace = shutdownGrace;
  }

  synchronized void start(Duration interval) {
    if (closed) {
      throw new IllegalStateException("the sync is closed");
    }
    if (executor != null) {
      throw new IllegalStateException("the sync is already running on a schedule");
    }
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the interval must be at least one second");
    }
    this.interval = interval;
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "apiban-sync");
      t.setDaemon(true);
      return t;
    });
    LOG.log(System.Logger.Level.INFO, "apiban4j sync every {0} into backend {1}", interval,
        sync.settings().backend().name());
    schedule(jitter(Duration.ZERO, interval.dividedBy(10)));
  }

  private synchronized void schedule(Duration delay) {
    if (!closed) {
      next = executor.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void tick() {
    Duration delay;
    try {
      SyncResult result = sync.run();
      consecutiveFailures = 0;
      delay = interval;
      if (!result.complete()) {
        LOG.log(System.Logger.Level.INFO, "sync stopped early: {0}", result.summary());
      }
    } catch (Error e) { // not silently: an Error ends the schedule, and says so
      LOG.log(System.Logger.Level.ERROR, "sync schedule stopped: " + e, e);
      throw e;
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      consecutiveFailures++;
      delay = backoff(interval, consecutiveFailures);
      LOG.log(System.Logger.Level.WARNING, "sync failed ({0} in a row), next attempt in {1}: {2}",
          consecutiveFailures, delay, e.getMessage());
    }
    schedule(jitter(delay, delay.dividedBy(10)));
  }

  /** The delay after {@code failures} consecutive failures: doubling, capped at an hour or the interval. */
  static Duration backoff(Duration interval, int failures) {
    Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
    Duration d = interval.multipliedBy(1L << Math.min(failures, 20));
    return d.compareTo(cap) > 0 ? cap : d;
  }

  private static Duration jitter(Duration base, Duration spread) {
    long ms = spread.toMillis();
    return ms <= 0 ? base : base.plusMillis(ThreadLocalRandom.current().nextLong(ms + 1));
  }

  void close() {
    ScheduledExecutorService ex;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      ex = executor;
      if (next != null) {
        next.cancel(false);
      }
    }
    if (ex == null) {
      return;
    }
    ex.shutdown();
    try {
      if (!ex.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        ex.shutdownNow(); // the run stops at its next safe point, state consistent
        ex.awaitTermination(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      ex.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
