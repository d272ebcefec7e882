package io.github.apiban4j.ipset.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.SyncRig;
import io.github.apiban4j.testkit.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone changes the kernel's state behind the backend's back; the next sync puts it back:
 * entries deleted by hand, a set destroyed, the hook's jump rule deleted.
 */
class IpsetNetlinkDriftIT {
  private static final AddressSet BANNED =
      AddressSet.builder().add("192.0.2.10").add("198.51.100.0/24").add("2001:db8::30").build();

  @TempDir
  Path dir;
  private NetworkNamespace ns;
  private SyncRig rig;
  private FirewallBackend backend;

  @BeforeEach
  void firstSync() throws Exception {
    ns = NetworkNamespace.create();
    TestEnvironment.requireCommand("ipset", "ipset");
    TestEnvironment.requireCommand("iptables-save", "iptables");
    rig = SyncRig.start(dir);
    backend = new IpsetNetlinkBackendProvider()
        .create(BackendConfig.of(Map.of(BackendConfig.NAMESPACE, ns.name())));
    rig.apiban().publish("192.0.2.10", "198.51.100.0/24", "2001:db8::30");
    SyncResult first = rig.sync(backend);
    assertThat(first.added()).isEqualTo(3);
    assertThat(kernel()).isEqualTo(BANNED);
  }

  @AfterEach
  void cleanUp() throws Exception {
    try {
      if (backend != null) {
        backend.close();
      }
      if (rig != null) {
        rig.close();
      }
    } finally {
      ns.close();
    }
  }

  @Test
  void entriesDeletedByHandComeBack() throws Exception {
    ns.exec("ipset", "del", "apiban4", "192.0.2.10").requireSuccess("deleting");
    ns.exec("ipset", "del", "apiban6", "2001:db8::30").requireSuccess("deleting");

    SyncResult next = syncLater();

    assertThat(next.repaired()).isEqualTo(2);
    assertThat(kernel()).isEqualTo(BANNED);
  }

  @Test
  void aDestroyedSetComesBackWithItsEntriesAndRule() throws Exception {
    ns.exec("iptables", "-t", "raw", "-F", "APIBAN").requireSuccess("flushing the chain");
    ns.exec("ipset", "destroy", "apiban4").requireSuccess("destroying");
    assertThat(backend.status().hookDetail()).startsWith("set apiban4 missing");

    syncLater();

    assertThat(kernel()).isEqualTo(BANNED);
    assertThat(IpsetTool.rawRules(ns, "iptables-save"))
        .contains("-A APIBAN -m set --match-set apiban4 src -j DROP");
  }

  @Test
  void statusWarnsOfARuleThatAcceptsTrafficAheadOfTheJump() throws Exception {
    assertThat(backend.status().warnings()).isEmpty();
    ns.exec("iptables", "-t", "raw", "-I", "PREROUTING", "1", "-p", "udp", "-j", "ACCEPT")
        .requireSuccess("an accept rule of the user's own");

    assertThat(backend.status().warnings()).singleElement().asString()
        .contains("-A PREROUTING -p udp -j ACCEPT", "never checked");
  }

  @Test
  void aDeletedJumpRuleComesBack() throws Exception {
    ns.exec("iptables", "-t", "raw", "-D", "PREROUTING", "-j", "APIBAN").requireSuccess("v4");
    ns.exec("ip6tables", "-t", "raw", "-D", "PREROUTING", "-j", "APIBAN").requireSuccess("v6");
    assertThat(IpsetTool.rawRules(ns, "iptables-save")).doesNotContain("-A PREROUTING -j APIBAN");
    assertThat(backend.status().hook()).isEqualTo(BackendStatus.Hook.MISSING);

    syncLater();

    assertThat(backend.status().hook()).isEqualTo(BackendStatus.Hook.PRESENT);

    assertThat(IpsetTool.rawRules(ns, "iptables-save")).contains("-A PREROUTING -j APIBAN");
    assertThat(IpsetTool.rawRules(ns, "ip6tables-save")).contains("-A PREROUTING -j APIBAN");
    assertThat(kernel()).isEqualTo(BANNED);
  }

  private SyncResult syncLater() throws Exception {
    rig.clock().advance(Duration.ofMinutes(5));
    return rig.sync(backend);
  }

  private AddressSet kernel() throws Exception {
    return IpsetTool.members(ns, "apiban4").union(IpsetTool.members(ns, "apiban6"));
  }
}
