package io.github.apiban4j.ipset.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.internal.xtables.XtablesHook;
import io.github.apiban4j.ipset.netlink.internal.IpsetNetlinkBackend;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.testkit.SyncRig;
import io.github.apiban4j.testkit.TestEnvironment;
import io.github.apiban4j.testkit.UdpProbe;
import io.github.apiban4j.testkit.VethPair;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scanner at 203.0.113.7 sends SIP OPTIONS over a veth to a host at 198.51.100.1 whose sets the
 * backend fills: delivered before the sync, dropped in the raw table once a sync whose feed lists
 * 203.0.113.7 has run, delivered again once the entry has expired from the state.
 */
class IpsetNetlinkEndToEndIT {
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);
  private static final int SIP = 5060;

  @Test
  void aListedScannerIsDroppedUntilItsEntryExpires(@TempDir Path dir) throws IOException {
    TestEnvironment.requireCommand("iptables-restore", "iptables");
    try (VethPair pair = VethPair.create("203.0.113.7", "198.51.100.1");
        SyncRig rig = SyncRig.start(dir);
        IpsetNetlinkBackend backend = (IpsetNetlinkBackend) new IpsetNetlinkBackendProvider()
            .create(BackendConfig.of(Map.of(BackendConfig.NAMESPACE,
                pair.right().namespace().name())))) {
      byte[] options = UdpProbe.sipOptions(pair.left(), pair.right(), SIP);
      assertThat(UdpProbe.send(pair.left(), pair.right(), SIP, options, PROBE_TIMEOUT))
          .as("before any sync").isTrue();

      rig.apiban().publish("198.51.100.99", "203.0.113.7");
      SyncResult first = sync(rig, backend);
      assertThat(first.added()).isEqualTo(2);
      assertThat(UdpProbe.send(pair.left(), pair.right(), SIP, options, PROBE_TIMEOUT))
          .as("after the sync that lists 203.0.113.7").isFalse();
      XtablesHook hook = backend.hook();
      assertThat(hook.counters()).anySatisfy(rule -> {
        assertThat(rule.spec()).isEqualTo("-m set --match-set apiban4 src -j DROP");
        assertThat(rule.packets()).isEqualTo(1);
      });
      BackendStatus status = backend.status();
      assertThat(status.hook()).isEqualTo(BackendStatus.Hook.PRESENT);
      assertThat(status.drops()).hasValueSatisfying(d -> {
        assertThat(d.ipv4Packets()).isEqualTo(1);
        assertThat(d.ipv4Bytes()).isEqualTo(28 + options.length); // IPv4 and UDP headers
        assertThat(d.ipv6Packets()).isZero();
      });

      rig.apiban().delist("203.0.113.7");
      rig.clock().advance(Duration.ofHours(2));
      SyncResult later = sync(rig, backend);
      assertThat(later.expired()).isEqualTo(2);
      assertThat(backend.current().isEmpty()).isTrue();
      assertThat(UdpProbe.send(pair.left(), pair.right(), SIP, options, PROBE_TIMEOUT))
          .as("after the entry expired").isTrue();
    }
  }

  private static SyncResult sync(SyncRig rig, IpsetNetlinkBackend backend) throws IOException {
    try (BlocklistSync sync = rig.syncInto(backend).ttl(Duration.ofHours(1))
        .expirySpread(Duration.ZERO).fullSyncInterval(Duration.ofDays(30)).build()) {
      return sync.run();
    }
  }
}
