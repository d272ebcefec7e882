package io.github.apiban4j.examples.cli;

import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.internal.state.StoredState;
import io.github.apiban4j.internal.sync.Enforcement;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What the daemon runs, built from one reading of the configuration (and built again on SIGHUP):
 * the backend, a sync from APIBAN and a sync from local state only, both reporting to the event
 * log and the metrics.
 */
final class DaemonEngine implements AutoCloseable {
  private final FirewallBackend backend;
  private final BlocklistSync feed;
  private final BlocklistSync local;
  private final Enforcement enforcement;
  private final java.nio.file.Path statePath;
  private final Duration interval;
  private final double jitter;
  private final Clock clock;

  private DaemonEngine(FirewallBackend backend, BlocklistSync feed, BlocklistSync local,
      Enforcement enforcement, java.nio.file.Path statePath, Duration interval, double jitter,
      Clock clock) {
    this.backend = backend;
    this.feed = feed;
    this.local = local;
    this.enforcement = enforcement;
    this.statePath = statePath;
    this.interval = interval;
    this.jitter = jitter;
    this.clock = clock;
  }

  /**
   * Opens the backend and builds both syncs.
   *
   * @throws ConfigException if a setting is invalid or no key is available
   */
  static DaemonEngine open(Settings settings, String intervalOption, double jitter, EventLog log,
      Metrics metrics, Clock clock) throws Exception {
    Duration interval = settings.interval(intervalOption);
    ApibanClient client = settings.client();
    FirewallBackend backend = settings.openBackend();
    try {
      FirewallBackend tracked = log.track(backend);
      var listener = Listeners.of(log, metrics);
      BlocklistSync feed = settings.sync(tracked, client).listener(listener).build();
      BlocklistSync local = settings.sync(tracked, null).listener(listener).build();
      return new DaemonEngine(backend, feed, local, settings.enforcement(), settings.statePath(),
          interval, jitter, clock);
    } catch (Exception | Error e) {
      backend.close();
      throw e;
    }
  }

  String backendName() {
    return backend.name();
  }

  Duration interval() {
    return interval;
  }

  /** The largest jitter, as a fraction of the delay. */
  double jitter() {
    return jitter;
  }

  /** Puts the sets and hook back from local state, without a request. */
  SyncResult restore() throws IOException {
    return local.run();
  }

  /** One sync from APIBAN: checks the hook and sets, repairs, fetches, applies. */
  SyncResult sync() throws IOException {
    return feed.run();
  }

  /** What the backend and the state hold now, for the metrics. */
  Metrics.Snapshot snapshot() throws IOException {
    Optional<StoredState> state = LocalState.read(statePath).state();
    int desired = state.map(s -> enforcement.desired(s, clock.instant()).size()).orElse(0);
    return new Metrics.Snapshot(backend.current(), desired, backend.status(),
        state.map(StoredState::cursor), state.map(StoredState::lastSuccess));
  }

  @Override
  public void close() throws IOException {
    feed.close();
    local.close();
    backend.close();
  }
}
