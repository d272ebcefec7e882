package io.github.apiban4j.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.testkit.NetworkNamespace;
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
 * The drop rules' counters belong to the operator's history: a packet from a listed scanner is
 * counted once, and the count survives what the backend does afterwards (a prepare() that finds
 * nothing missing, a sync, the repair of a changed chain or of another rule, a move to another
 * priority); only the table's deletion by hand takes it, and status() says so.
 */
class NftablesCountersIT {
  private static final int SIP = 5060;
  private static final Duration DROPPED_WITHIN = Duration.ofMillis(800);

  @Test
  void aDroppedPacketStaysCountedThroughPrepareSyncAndRepairs(@TempDir Path dir)
      throws IOException {
    TestEnvironment.requireCommand("nft", "nftables");
    try (VethPair pair = VethPair.create("203.0.113.7", "198.51.100.1");
        SyncRig rig = SyncRig.start(dir)) {
      NetworkNamespace ns = pair.right().namespace();
      NftablesBackend backend = new NftablesBackend(NftSettingsFixture.in(ns.name()),
          CommandRunner.system());
      rig.apiban().publish("203.0.113.7", "2001:db8::7");
      rig.sync(backend);
      byte[] options = UdpProbe.sipOptions(pair.left(), pair.right(), SIP);
      assertThat(UdpProbe.send(pair.left(), pair.right(), SIP, options, DROPPED_WITHIN))
          .as("delivered from a listed address").isFalse();
      Map<String, Long> dropped = Map.of("apiban4", 1L, "apiban4net", 0L, "apiban6", 0L,
          "apiban6net", 0L);
      long bytes = 28 + options.length; // IPv4 and UDP headers
      assertCounts(backend, dropped, bytes);

      assertThat(backend.prepare()).as("nothing missing").isFalse();
      rig.apiban().publish("198.51.100.99", "2001:db8::99");
      assertThat(rig.sync(backend).added()).isEqualTo(2);
      assertCounts(backend, dropped, bytes);

      NftByHand byHand = new NftByHand(ns);
      byHand.nft("add", "chain", "inet", "apiban", "blocklist",
          "{ type filter hook prerouting priority -300; policy drop; }");
      byHand.nft("add", "rule", "inet", "apiban", "blocklist", "tcp", "dport", "22", "accept");
      byHand.deleteRuleFor("apiban6");
      assertThat(backend.prepare()).isTrue();
      assertThat(NftTableView.read(ns, "apiban").chains())
          .containsExactly(Map.entry("blocklist", "prerouting -300 accept"));
      assertCounts(backend, dropped, bytes);

      NftablesBackend atFilter = new NftablesBackend(new NftSettings("apiban", "apiban4",
          "apiban6", "prerouting", 0, NftSettings.DEFAULT_TIMEOUT, ns.name()),
          CommandRunner.system());
      assertThat(atFilter.prepare()).as("the chain moves to priority filter").isTrue();
      assertThat(NftTableView.read(ns, "apiban").chains())
          .containsExactly(Map.entry("blocklist", "prerouting 0 accept"));
      assertCounts(atFilter, dropped, bytes);
      BackendStatus status = atFilter.status();
      assertThat(status.hook()).isEqualTo(BackendStatus.Hook.PRESENT);
      assertThat(status.drops()).contains(new BackendStatus.DropCounters(1, bytes, 0, 0));

      byHand.nft("delete", "table", "inet", "apiban");
      BackendStatus gone = atFilter.status();
      assertThat(gone.hook()).isEqualTo(BackendStatus.Hook.MISSING);
      assertThat(gone.hookDetail()).contains("does not exist");
      assertThat(gone.drops()).isEmpty();
      assertThat(atFilter.prepare()).isTrue();
      BackendStatus back = atFilter.status();
      assertThat(back.hook()).isEqualTo(BackendStatus.Hook.PRESENT);
      assertThat(back.drops()).contains(new BackendStatus.DropCounters(0, 0, 0, 0));
    }
  }

  /** Each set's rule has dropped the packets in {@code packets}, of {@code bytes} each. */
  private static void assertCounts(NftablesBackend backend, Map<String, Long> packets,
      long bytes) throws IOException {
    assertThat(backend.dropCounters()).hasSize(packets.size()).allSatisfy(c -> {
      assertThat(c.packets()).as("packets dropped by " + c.set()).isEqualTo(packets.get(c.set()));
      assertThat(c.bytes()).as("bytes dropped by " + c.set()).isEqualTo(c.packets() * bytes);
    });
  }
}
