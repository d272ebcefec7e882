package io.github.apiban4j.iptables.internal;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.testkit.FakeApiban;
import java.nio.file.Path;
import java.time.Duration;

/** A sync from a fake APIBAN feed into a backend, as the library runs it, unpaced. */
final class FeedSync {
  /** The API key the fake feed is started with. */
  static final String KEY = "TESTKEY0123456789abcdef";

  private FeedSync() {}

  /** A sync of {@code apiban} (started with {@link #KEY}) into {@code backend}. */
  static BlocklistSync into(FirewallBackend backend, FakeApiban apiban, Path stateFile) {
    return BlocklistSync.builder()
        .client(ApibanClient.builder().apiKey(ApiKey.of(KEY)).baseUrl(apiban.baseUrl())
            .rateLimit(0, Duration.ofMinutes(2)).build())
        .backend(backend).stateFile(stateFile)
        .allowlist(Allowlist.builder().hostInterfaces(false).build()).build();
  }
}
