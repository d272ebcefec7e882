package io.github.apiban4j;

import io.github.apiban4j.internal.sync.RetryDelay;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Runs a {@link BlocklistSync} on a fixed interval with jitter and failure backoff. */
final class SyncScheduler {
  private static final System.Logger LOG = System.getLogger("io.github.apiban4j");
  private static final double JITTER = 0.1;

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
    // The first run comes within a tenth of the interval, not at once with every other host.
    schedule(Duration.ofMillis((long) (interval.toMillis() * JITTER * random())));
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
      consecutiveFailures = RetryDelay.countsAsFailure(result) ? consecutiveFailures + 1 : 0;
      delay = RetryDelay.afterFailures(interval, consecutiveFailures);
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
      delay = RetryDelay.afterFailures(interval, consecutiveFailures);
      LOG.log(System.Logger.Level.WARNING, "sync failed ({0} in a row), next attempt in {1}: {2}",
          consecutiveFailures, delay, e.getMessage());
    }
    schedule(RetryDelay.jittered(delay, JITTER, random()));
  }

  private static double random() {
    return ThreadLocalRandom.current().nextDouble();
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
