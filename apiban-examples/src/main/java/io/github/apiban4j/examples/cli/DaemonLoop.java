package io.github.apiban4j.examples.cli;

import io.github.apiban4j.SyncResult;
import io.github.apiban4j.internal.Durations;
import io.github.apiban4j.internal.sync.RetryDelay;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The daemon's schedule: restore from local state, sync at once, then every interval plus a
 * jitter of at most a fraction of it; after failures the delay doubles, up to an hour (or the
 * interval, if longer). Every sync checks the hook and sets first, so a firewall reload that wiped
 * them is repaired within one interval. A reload request rebuilds the engine from the
 * configuration; a stop request lets a run in progress finish for a grace period, then interrupts
 * it at a safe point (the state stays consistent) and returns, leaving the bans in place.
 *
 * <p>Time passes only through the {@link Waiter}, so tests drive the schedule without sleeping.
 */
final class DaemonLoop {
  /** Waits between ticks; {@link #wake()} ends a wait early. */
  interface Waiter {
    void await(Duration delay) throws InterruptedException;

    void wake();
  }

  /** Builds an engine from the current configuration. */
  @FunctionalInterface
  interface EngineFactory {
    DaemonEngine create() throws Exception;
  }

  private final EngineFactory factory;
  private final Waiter waiter;
  private final DoubleSupplier random;
  private final EventLog log;
  private final Metrics metrics;
  private final Duration grace;
  private volatile boolean stop;
  private volatile boolean reload;
  private volatile boolean running;
  private volatile Thread loopThread;
  private int failures;

  DaemonLoop(EngineFactory factory, Waiter waiter, DoubleSupplier random, EventLog log,
      Metrics metrics, Duration grace) {
    this.factory = factory;
    this.waiter = waiter;
    this.random = random;
    this.log = log;
    this.metrics = metrics;
    this.grace = grace;
  }

  /**
   * Runs until a stop request.
   *
   * @return 0
   * @throws Exception if the engine cannot be built, or the first restore fails for a reason a
   *     retry cannot fix (no permission, no backend, bad configuration)
   */
  int run() throws Exception {
    loopThread = Thread.currentThread();
    DaemonEngine engine = factory.create();
    try {
      log.event("daemon started: backend " + engine.backendName() + ", every "
          + Durations.format(engine.interval()) + " (jitter up to "
          + Math.round(engine.jitter() * 100) + "%)");
      restore(engine);
      while (!stop) {
        if (reload) {
          reload = false;
          engine = reloaded(engine);
        }
        Duration delay = tick(engine);
        if (stop) {
          break;
        }
        delay = RetryDelay.jittered(delay, engine.jitter(), random.getAsDouble());
        try {
          waiter.await(delay);
        } catch (InterruptedException e) {
          break;
        }
      }
      Thread.interrupted(); // a late interrupt from the watchdog must not reach close()
      log.event("daemon stopped; the bans stay in place");
      return ExitCode.OK;
    } finally {
      engine.close();
    }
  }

  private void restore(DaemonEngine engine) throws Exception {
    try {
      SyncResult r = engine.restore();
      log.event("restored " + Words.entries(r.repaired()) + " from local state; "
          + r.liveSize() + " enforced");
    } catch (Exception e) {
      int code = ExitCode.of(e);
      if (code == ExitCode.NO_PERMISSION || code == ExitCode.UNAVAILABLE
          || code == ExitCode.CONFIG) {
        throw e;
      }
      log.error(e);
    }
  }

  private DaemonEngine reloaded(DaemonEngine current) throws Exception {
    DaemonEngine next;
    try {
      next = factory.create();
    } catch (Exception e) {
      log.event("reload failed, keeping the previous configuration: " + Failure.message(e));
      return current;
    }
    current.close();
    log.event("configuration reloaded: backend " + next.backendName() + ", every "
        + Durations.format(next.interval()));
    return next;
  }

  /** One sync; returns the delay until the next. */
  private Duration tick(DaemonEngine engine) {
    running = true;
    if (stop) { // asked to stop just now: requestStop saw no run, so nothing would interrupt one
      running = false;
      return Duration.ZERO;
    }
    try {
      SyncResult r = engine.sync();
      failures = RetryDelay.countsAsFailure(r) ? failures + 1 : 0;
    } catch (Exception e) {
      log.error(e); // an interrupted run's error too: its state is what the next start reads
      if (stop) {
        return Duration.ZERO;
      }
      failures++;
    } finally {
      running = false;
      Thread.interrupted(); // an interrupt meant for this run is spent
    }
    metrics.consecutiveFailures(failures);
    if (metrics.served()) { // reading the whole set and state is for the metrics only
      try {
        metrics.observe(engine.snapshot());
      } catch (Exception e) {
        log.event("cannot read the backend for the metrics: " + Failure.message(e));
      }
    }
    Duration delay = RetryDelay.afterFailures(engine.interval(), failures);
    if (failures > 0) {
      log.event(failures + " failed sync(s) in a row; next attempt in " + Durations.format(delay));
    }
    return delay;
  }

  /** Asks the loop to stop: at once between runs, after the grace period during one. */
  void requestStop() {
    stop = true;
    waiter.wake();
    Thread target = loopThread;
    if (running && target != null) {
      Thread watchdog = new Thread(() -> {
        try {
          target.join(grace.toMillis() == 0 ? 1 : grace.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        if (running) {
          log.event("the run did not finish within " + Durations.format(grace)
              + "; interrupting it at its next safe point");
          target.interrupt();
        }
      }, "apiban-daemon-stop");
      watchdog.setDaemon(true);
      watchdog.start();
    }
  }

  /** Asks the loop to read its configuration again before the next run, which starts now. */
  void requestReload() {
    reload = true;
    waiter.wake();
  }
}
