package io.github.apiban4j.testkit;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything a backend's end-to-end test needs around the backend: a {@link FakeApiban} on
 * loopback, a state file, a clock the test moves, and the real sync engine, with no pacing and an
 * allowlist that leaves this host's own addresses out (test namespaces use documentation ranges,
 * which a test machine may sit in).
 *
 * <pre>{@code
 * try (SyncRig rig = SyncRig.start(tempDir)) {
 *   rig.apiban().publish("203.0.113.7");
 *   rig.sync(backend);
 *   rig.clock().advance(Duration.ofDays(8));
 *   rig.sync(backend);   // expired
 * }
 * }</pre>
 */
public final class SyncRig implements AutoCloseable {
  private static final String KEY = "RIGKEY0123456789abcdef";

  private final FakeApiban apiban;
  private final Path stateFile;
  private final MutableClock clock =
      new MutableClock(Instant.parse("2026-11-24T12:00:00.500Z"));

  private SyncRig(FakeApiban apiban, Path stateFile) {
    this.apiban = apiban;
    this.stateFile = stateFile;
  }

  /** Starts the fake feed; the state lives in {@code dir}. */
  public static SyncRig start(Path dir) throws IOException {
    return new SyncRig(FakeApiban.start(KEY), dir.resolve("state.json"));
  }

  /** The fake feed, to publish and delist entries. */
  public FakeApiban apiban() {
    return apiban;
  }

  /** The clock every sync reads. */
  public MutableClock clock() {
    return clock;
  }

  /** A sync into {@code backend} with the rig's feed, state and clock; add to it, then build. */
  public BlocklistSync.Builder syncInto(FirewallBackend backend) {
    return BlocklistSync.builder()
        .client(ApibanClient.builder().apiKey(ApiKey.of(KEY)).baseUrl(apiban.baseUrl())
            .rateLimit(0, Duration.ofMinutes(2)).maxAttempts(1).build())
        .backend(backend)
        .stateFile(stateFile)
        .allowlist(Allowlist.builder().hostInterfaces(false).build())
        .clock(clock);
  }

  /** One sync run into {@code backend}. */
  public SyncResult sync(FirewallBackend backend) throws IOException {
    try (BlocklistSync sync = syncInto(backend).build()) {
      return sync.run();
    }
  }

  @Override
  public void close() throws IOException {
    apiban.close();
  }
}
