package io.github.apiban4j.ipset.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.FirewallBackends;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import io.github.apiban4j.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class IpsetNetlinkBackendProviderTest {
  private final IpsetNetlinkBackendProvider provider = new IpsetNetlinkBackendProvider();

  @Test
  void isFoundByServiceLoader() {
    List<FirewallBackendProvider> found = ServiceLoader.load(FirewallBackendProvider.class)
        .stream().map(ServiceLoader.Provider::get).filter(p -> p.name().equals("ipset-netlink"))
        .toList();
    assertThat(found).singleElement().isInstanceOf(IpsetNetlinkBackendProvider.class);
    assertThat(FirewallBackends.candidates()).anyMatch(c -> c.name().equals("ipset-netlink"));
  }

  @Test
  void nameAndPriority() {
    assertThat(provider.name()).isEqualTo("ipset-netlink");
    assertThat(provider.priority()).isEqualTo(30);
  }

  @Test
  void probeAlwaysGivesAReason() {
    assertThat(provider.probe().reason()).isNotBlank();
  }

  @Test
  void probeFindsIpsetSupportAndLoadsJnrOnThisMachine() {
    TestEnvironment.requireRoot("hold CAP_NET_ADMIN");
    TestEnvironment.require(Files.isDirectory(Path.of("/sys/module/ip_set")),
        "needs the ip_set kernel module: modprobe ip_set");
    Availability a = provider.probe();
    assertThat(a.available()).as(a.reason()).isTrue();
    assertThat(a.reason()).startsWith("kernel ipset support present, jnr-ffi loaded, ")
        .endsWith("CAP_NET_ADMIN held");
  }

  @Test
  void readsProcModules() {
    String loaded = "ip_set_hash_net 57344 0 - Live 0x0000000000000000\n"
        + "ip_set 61440 1 ip_set_hash_net, Live 0x0000000000000000\n"
        + "nfnetlink 20480 3 nf_tables,ip_set, Live 0x0000000000000000\n";
    assertThat(IpsetNetlinkBackendProvider.listsIpSet(loaded)).isTrue();
    String without = "ip_set_hash_net 57344 0 - Live 0x0000000000000000\n"
        + "nfnetlink 20480 3 nf_tables,ip_set, Live 0x0000000000000000\n";
    assertThat(IpsetNetlinkBackendProvider.listsIpSet(without)).isFalse();
    assertThat(IpsetNetlinkBackendProvider.listsIpSet("")).isFalse();
  }

  @Test
  void createRejectsUnknownOptions() {
    BackendConfig config = BackendConfig.of(Map.of("maxelem", "65536"));
    assertThatThrownBy(() -> provider.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[maxelem]")
        .hasMessageContaining("ipset-netlink");
  }

  @Test
  void createAcceptsEveryOptionAndStartsNothing() throws Exception {
    BackendConfig config = BackendConfig.of(Map.of("set4", "a4", "set6", "a6", "hook", "input",
        "chain", "BANS", "capacity", "131072", "timeout", "5s", "namespace", "apiban-it-x"));
    try (FirewallBackend backend = provider.create(config)) {
      assertThat(backend.name()).isEqualTo("ipset-netlink");
    }
  }

  @Test
  void createRefusesHostileOrInvalidValuesNamingTheOption() {
    Map<String, String> bad = Map.of(
        "set4", "apiban4; ipset destroy",
        "set6", "x".repeat(32),
        "hook", "output",
        "chain", "DROP",
        "capacity", "-5",
        "namespace", "../../etc");
    bad.forEach((key, value) -> assertThatThrownBy(
        () -> provider.create(BackendConfig.of(Map.of(key, value))))
        .as(key).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key));
    assertThatThrownBy(() -> provider.create(BackendConfig.of(Map.of("set4", "s", "set6", "s"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different sets");
    // A replacement of x builds x-new: the other family's live set must never be that one.
    assertThatThrownBy(() -> provider.create(BackendConfig.of(Map.of("set4", "x-new", "set6", "x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staging set");
  }
}
