package io.github.apiban4j.ipset.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.TestAddresses;
import io.github.apiban4j.testkit.TestEnvironment;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kernel refusals become typed errors, and the sets stay as they were or consistent. */
class IpsetNetlinkFailureIT {
  private NetworkNamespace ns;

  @BeforeEach
  void createNamespace() throws Exception {
    ns = NetworkNamespace.create();
    TestEnvironment.requireCommand("ipset", "ipset");
  }

  @AfterEach
  void deleteNamespace() throws Exception {
    ns.close();
  }

  private FirewallBackend backend(String... options) {
    Map<String, String> config = new HashMap<>(Map.of(BackendConfig.NAMESPACE, ns.name(),
        "hook", "none"));
    for (int i = 0; i < options.length; i += 2) {
      config.put(options[i], options[i + 1]);
    }
    return new IpsetNetlinkBackendProvider().create(BackendConfig.of(config));
  }

  @Test
  void aFullSetOfFixedCapacityRefusesTheBatchBeforeSendingIt() throws Exception {
    try (FirewallBackend b = backend("capacity", "4")) {
      b.prepare();
      b.apply(new Diff(addresses(0, 3), AddressSet.empty()));

      assertThatThrownBy(() -> b.apply(new Diff(addresses(3, 5), AddressSet.empty())))
          .isInstanceOfSatisfying(FirewallCapacityException.class, e -> {
            assertThat(e.capacity()).isEqualTo(4);
            assertThat(e.getMessage()).contains("apiban4", "capacity");
          });
      assertThat(b.current()).isEqualTo(addresses(0, 3));
      assertThat(IpsetTool.members(ns, "apiban4")).isEqualTo(addresses(0, 3));
    }
  }

  @Test
  void aRaisedCapacityTakesEffectOnTheExistingSet() throws Exception {
    try (FirewallBackend b = backend("capacity", "4")) {
      b.prepare();
      b.apply(new Diff(addresses(0, 3), AddressSet.empty()));
    }
    try (FirewallBackend b = backend("capacity", "10")) {
      b.prepare();
      b.apply(new Diff(addresses(3, 8), AddressSet.empty()));
      assertThat(b.current()).isEqualTo(addresses(0, 8));
      assertThatThrownBy(() -> b.apply(new Diff(addresses(8, 11), AddressSet.empty())))
          .isInstanceOfSatisfying(FirewallCapacityException.class,
              e -> assertThat(e.capacity()).isEqualTo(10));
    }
    assertThat(ns.exec("ipset", "list", "-t", "apiban4").stdout()).contains("maxelem 10");
  }

  @Test
  void aSetTooSmallForTheBatchIsGrownFirstWhenCapacityIsNotFixed() throws Exception {
    ns.exec("ipset", "create", "apiban4", "hash:net", "family", "inet", "maxelem", "4")
        .requireSuccess("creating a small set");
    try (FirewallBackend b = backend()) {
      b.prepare();
      b.apply(new Diff(addresses(0, 300), AddressSet.empty()));

      assertThat(b.current()).isEqualTo(addresses(0, 300));
      assertThat(ns.exec("ipset", "list", "-t", "apiban4").stdout()).contains("maxelem 65536");
      assertThat(IpsetTool.setNames(ns)).containsExactlyInAnyOrder("apiban4", "apiban6");
    }
  }

  @Test
  void aSetOfTheWrongFamilyOrTypeIsReportedAndLeftAlone() throws Exception {
    ns.exec("ipset", "create", "apiban4", "hash:net", "family", "inet6").requireSuccess("inet6");
    ns.exec("ipset", "create", "apiban6", "hash:ip", "family", "inet6").requireSuccess("hash:ip");
    ns.exec("ipset", "add", "apiban4", "2001:db8::99").requireSuccess("adding");
    try (FirewallBackend b = backend()) {
      assertThatThrownBy(b::prepare).isInstanceOf(FirewallException.class)
          .hasMessageContaining("set apiban4 exists but is hash:net family 10")
          .hasMessageContaining("ipset destroy apiban4");
      try (FirewallBackend v6 = backend("set4", "other4")) {
        assertThatThrownBy(v6::prepare).isInstanceOf(FirewallException.class)
            .hasMessageContaining("set apiban6 exists but is hash:ip");
      }
    }
    assertThat(IpsetTool.members(ns, "apiban4")).containsExactly(IpPrefix.parse("2001:db8::99"));
  }

  @Test
  void aSetDestroyedBehindTheBackendsBackIsNamedOnApply() throws Exception {
    try (FirewallBackend b = backend()) {
      b.prepare();
      ns.exec("ipset", "destroy", "apiban4").requireSuccess("destroying");
      assertThatThrownBy(() -> b.apply(new Diff(addresses(0, 2), AddressSet.empty())))
          .isInstanceOf(FirewallException.class)
          .hasMessageContaining("set apiban4 does not exist");
      b.prepare();
      b.apply(new Diff(addresses(0, 2), AddressSet.empty()));
      assertThat(IpsetTool.members(ns, "apiban4")).isEqualTo(addresses(0, 2));
    }
  }

  @Test
  void aSetReferencedBySomeoneElsesRuleIsNamedOnUninstall() throws Exception {
    TestEnvironment.requireCommand("iptables", "iptables");
    try (FirewallBackend b = backend()) {
      b.prepare();
      b.apply(new Diff(addresses(0, 2), AddressSet.empty()));
      ns.exec("iptables", "-A", "INPUT", "-m", "set", "--match-set", "apiban4", "src", "-j",
          "DROP").requireSuccess("a rule of the user's own");

      assertThatThrownBy(b::uninstall).isInstanceOf(FirewallException.class)
          .hasMessageContaining("apiban4")
          .hasMessageContaining("remove the rule that references it");
      assertThat(IpsetTool.members(ns, "apiban4")).isEqualTo(addresses(0, 2));
    }
  }

  @Test
  void uninstallLeavesSetsItDoesNotOwn() throws Exception {
    ns.exec("ipset", "create", "keepme", "hash:ip").requireSuccess("creating");
    try (FirewallBackend b = backend()) {
      b.prepare();
      b.uninstall();
    }
    assertThat(IpsetTool.setNames(ns)).containsExactly("keepme");
  }

  private static AddressSet addresses(int from, int to) {
    AddressSet.Builder b = AddressSet.builder();
    IntStream.range(from, to).forEach(i -> b.add(TestAddresses.ipv4(i)));
    return b.build();
  }
}
