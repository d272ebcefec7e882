package io.github.apiban4j;

import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.memory.InMemoryBackend;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A fake APIBAN, a client without pacing or retry delays, a memory backend and a state file. */
final class SyncFixture implements AutoCloseable {
  static final String KEY = "TESTKEY0123456789abcdef";

  final FakeApiban apiban;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00.500Z"));
  final InMemoryBackend backend = new InMemoryBackend();
  final Path stateFile;
  final RecordingListener events = new RecordingListener();
  Duration fullSyncInterval = Duration.ofDays(1);

  SyncFixture(Path dir) throws IOException {
    this.apiban = FakeApiban.start(KEY);
    this.stateFile = dir.resolve("state.json");
  }

  ApibanClient.Builder client() {
    return ApibanClient.builder()
        .apiKey(ApiKey.of(KEY))
        .baseUrl(apiban.baseUrl())
        .rateLimit(0, Duration.ofMinutes(2))
        .maxAttempts(2)
        .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(1));
  }

  /** A sync with the test defaults: no host interfaces in the allowlist, the fixture's clock. */
  BlocklistSync.Builder sync() {
    return sync(backend);
  }

  BlocklistSync.Builder sync(FirewallBackend target) {
    return BlocklistSync.builder()
        .client(client().build())
        .backend(target)
        .stateFile(stateFile)
        .allowlist(Allowlist.builder().hostInterfaces(false).build())
        .clock(clock)
        .fullSyncInterval(fullSyncInterval)
        .listener(events);
  }

  SyncResult run(SyncOptions options) throws IOException {
    try (BlocklistSync s = sync().build()) {
      return s.run(options);
    }
  }

  SyncResult run() throws IOException {
    return run(SyncOptions.defaults());
  }

  @Override
  public void close() throws IOException {
    apiban.close();
  }

  /** Records the listener's events as short strings. */
  static final class RecordingListener implements SyncListener {
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void stateRecovered(String reason) {
      events.add("recovered: " + reason);
    }

    @Override
    public synchronized void driftRepaired(int restored, int removed) {
      events.add("repaired +" + restored + " -" + removed);
    }

    @Override
    public synchronized void entryRefused(String entry, RefusalReason reason) {
      events.add("refused " + reason.key() + " " + entry);
    }

    @Override
    public synchronized void committed(io.github.apiban4j.address.Diff diff, String cursor) {
      events.add("committed " + diff + " at " + cursor);
    }

    @Override
    public synchronized void runFailed(Throwable error) {
      events.add("failed " + error.getClass().getSimpleName());
    }

    synchronized List<String> matching(String prefix) {
      return events.stream().filter(e -> e.startsWith(prefix)).toList();
    }
  }
}
