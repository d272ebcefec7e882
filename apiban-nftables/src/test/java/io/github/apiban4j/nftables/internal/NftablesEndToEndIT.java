package io.github.apiban4j.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.MutableClock;
import io.github.apiban4j.testkit.TestEnvironment;
import io.github.apiban4j.testkit.UdpProbe;
import io.github.apiban4j.testkit.VethPair;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scanner at 203.0.113.7 sends SIP OPTIONS over a veth to a host at 198.51.100.1 whose firewall
 * the backend drives: delivered before the sync, dropped (and counted) once a sync whose feed lists
 * 203.0.113.7 has run, delivered again once the entry has expired.
 */
class NftablesEndToEndIT {
  private static final String KEY = "E2EKEY0123456789abcdef";
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);
  private static final int SIP = 5060;

  @Test
  void aListedScannerIsDroppedUntilItsEntryExpires(@TempDir Path dir) throws IOException {
    TestEnvironment.requireCommand("nft", "nftables");
    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    try (VethPair pair = VethPair.create("203.0.113.7", "198.51.100.1");
        FakeApiban apiban = FakeApiban.start(KEY)) {
      NftablesBackend backend = new NftablesBackend(
          NftSettingsFixture.in(pair.right().namespace().name()), CommandRunner.system());
      byte[] options = UdpProbe.sipOptions(pair.left(), pair.right(), SIP);
      assertThat(UdpProbe.send(pair.left(), pair.right(), SIP, options, PROBE_TIMEOUT))
          .as("before any sync").isTrue();

      apiban.publish("198.51.100.99", "203.0.113.7");
      SyncResult first = sync(apiban, backend, dir, clock);
      assertThat(first.added()).isEqualTo(2);
      assertThat(backend.current().toString()).contains("203.0.113.7");
      assertThat(UdpProbe.send(pair.left(), pair.right(), SIP, options, PROBE_TIMEOUT))
          .as("after the sync that lists 203.0.113.7").isFalse();
      assertThat(backend.dropCounters()).anySatisfy(c -> {
        assertThat(c.set()).isEqualTo("apiban4");
        assertThat(c.packets()).isEqualTo(1);
        assertThat(c.bytes()).isEqualTo(28 + options.length); // IPv4 and UDP headers
      });

      assertThat(backend.status().hook()).isEqualTo(BackendStatus.Hook.PRESENT);
      assertThat(backend.status().drops()).hasValueSatisfying(
          d -> assertThat(d.ipv4Packets()).isEqualTo(1));

      apiban.delist("203.0.113.7");
      clock.advance(Duration.ofHours(2));
      SyncResult later = sync(apiban, backend, dir, clock);
      assertThat(later.expired()).isEqualTo(2);
      assertThat(backend.current().isEmpty()).isTrue();
      assertThat(UdpProbe.send(pair.left(), pair.right(), SIP, options, PROBE_TIMEOUT))
          .as("after the entry expired").isTrue();
    }
  }

  private static SyncResult sync(FakeApiban apiban, NftablesBackend backend, Path dir,
      MutableClock clock) throws IOException {
    ApibanClient client = ApibanClient.builder().apiKey(ApiKey.of(KEY)).baseUrl(apiban.baseUrl())
        .rateLimit(0, Duration.ofMinutes(2)).maxAttempts(1).build();
    try (BlocklistSync sync = BlocklistSync.builder().client(client).backend(backend)
        .stateFile(dir.resolve("state.json"))
        .allowlist(Allowlist.builder().hostInterfaces(false).build())
        .ttl(Duration.ofHours(1)).expirySpread(Duration.ZERO)
        .fullSyncInterval(Duration.ofDays(30)).clock(clock).build()) {
      return sync.run();
    }
  }
}
