package io.github.apiban4j.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.TestAddresses;
import io.github.apiban4j.testkit.ToolViewCheckingBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mode set against the real kernel: the kit, then what the kit cannot see. */
class IptablesSetModeIT extends IptablesKernelKit {
  @Override
  Map<String, String> options() {
    return Map.of();
  }

  @Override
  AddressSet toolView() throws IOException {
    return k.ipsetMembers("apiban4", "apiban6");
  }

  @Test
  void prepareCreatesTheSetsAndHooksThemBeforeConntrack() throws Exception {
    assertThat(k.sh("ipset", "list", "-t", "apiban4"))
        .contains("Type: hash:net", "Header: family inet hashsize 1024 maxelem 262144");
    assertThat(k.sh("ipset", "list", "-t", "apiban6"))
        .contains("Header: family inet6 hashsize 1024 maxelem 262144");
    assertThat(k.sh("iptables", "-t", "raw", "-S")).contains("-N APIBAN\n"
        + "-A PREROUTING -j APIBAN\n-A APIBAN -m set --match-set apiban4 src -j DROP");
    assertThat(k.sh("ip6tables", "-t", "raw", "-S"))
        .contains("-A APIBAN -m set --match-set apiban6 src -j DROP");
    assertThat(backend().prepare()).isFalse();
  }

  @Test
  void eachBatchIsOneRestoreWhateverItsSize() throws Exception {
    AddressSet many = set(TestAddresses.many(2000).toArray(String[]::new));
    k.runner.clear();
    raw.apply(new Diff(many, set("192.0.2.200")));
    assertThat(k.commandsRun()).containsExactly("ipset list -t", "ipset restore -exist");

    k.runner.clear();
    raw.replace(set("198.51.100.1", "2001:db8::1"));
    assertThat(k.commandsRun()).containsExactly("ipset list -t", "ipset restore -exist");
    assertThat(k.sh("ipset", "list", "-n")).isEqualTo("apiban4\napiban6\n");

    k.runner.clear();
    assertThat(raw.current()).isEqualTo(set("198.51.100.1", "2001:db8::1"));
    assertThat(k.commandsRun()).containsExactly("ipset list -o save apiban4",
        "ipset list -o save apiban6");
  }

  @Test
  void theNextSyncRepairsAFlushedSetARemovedJumpAndADeletedChainAndSet(@TempDir Path dir)
      throws Exception {
    try (FakeApiban apiban = FakeApiban.start("TESTKEY0123456789abcdef");
        BlocklistSync sync = BlocklistSync.builder()
            .client(ApibanClient.builder().apiKey(ApiKey.of("TESTKEY0123456789abcdef"))
                .baseUrl(apiban.baseUrl()).rateLimit(0, Duration.ofMinutes(2)).build())
            .backend(backend())
            .stateFile(dir.resolve("state.json"))
            .allowlist(Allowlist.builder().hostInterfaces(false).build())
            .build()) {
      apiban.publish("203.0.113.7", "198.51.100.23", "2001:db8::7");
      AddressSet banned = set("203.0.113.7", "198.51.100.23", "2001:db8::7");
      sync.run();
      assertThat(k.ipsetMembers("apiban4", "apiban6")).isEqualTo(banned);

      k.sh("ipset", "flush", "apiban4");
      assertThat(sync.run().repaired()).isEqualTo(2);
      assertThat(k.ipsetMembers("apiban4", "apiban6")).isEqualTo(banned);

      k.sh("iptables", "-t", "raw", "-D", "PREROUTING", "-j", "APIBAN");
      sync.run();
      assertThat(k.sh("iptables", "-t", "raw", "-S", "PREROUTING"))
          .contains("-A PREROUTING -j APIBAN");

      for (String tool : new String[] {"iptables", "ip6tables"}) {
        k.sh(tool, "-t", "raw", "-D", "PREROUTING", "-j", "APIBAN");
        k.sh(tool, "-t", "raw", "-F", "APIBAN");
        k.sh(tool, "-t", "raw", "-X", "APIBAN");
      }
      k.sh("ipset", "destroy", "apiban6");
      sync.run();
      assertThat(k.ipsetMembers("apiban4", "apiban6")).isEqualTo(banned);
      assertThat(k.sh("ip6tables", "-t", "raw", "-S")).contains("-A PREROUTING -j APIBAN",
          "-A APIBAN -m set --match-set apiban6 src -j DROP");
    }
  }

  @Test
  void aSmallerSetMadeElsewhereIsRebuiltLargerInsteadOfFilling() throws Exception {
    backend().uninstall();
    k.sh("ipset", "create", "apiban4", "hash:net", "family", "inet", "maxelem", "16");
    backend().prepare();
    AddressSet first = set(TestAddresses.many(10).toArray(String[]::new));
    backend().apply(new Diff(first, AddressSet.empty()));
    assertThat(k.sh("ipset", "list", "-t", "apiban4")).contains("maxelem 16");

    AddressSet more = set(TestAddresses.many(100).toArray(String[]::new));
    AddressSet gone = set(TestAddresses.ipv4(0));
    backend().apply(new Diff(more.minus(first), gone));
    assertThat(backend().current()).hasSize(99).isEqualTo(more.minus(gone));
    assertThat(k.sh("ipset", "list", "-t", "apiban4")).contains("maxelem 262144");
    assertThat(k.sh("ipset", "list", "-n")).isEqualTo("apiban4\napiban6\n");
  }

  @Test
  void aBatchBeyondTheCapacityChangesNothing() throws Exception {
    FirewallBackend small = new ToolViewCheckingBackend(k.backend(Map.of("set4", "small4", "set6",
        "small6", "chain", "SMALL", "capacity", "50")), () -> k.ipsetMembers("small4", "small6"));
    small.prepare();
    AddressSet forty = set(TestAddresses.many(40).toArray(String[]::new));
    small.apply(new Diff(forty, AddressSet.empty()));
    AddressSet twenty = set(TestAddresses.many(60).subList(40, 60).toArray(String[]::new));

    assertThatThrownBy(() -> small.apply(new Diff(twenty, AddressSet.empty())))
        .isInstanceOfSatisfying(FirewallCapacityException.class, e -> {
          assertThat(e.capacity()).isEqualTo(50);
          assertThat(e.getMessage()).contains("set small4 would hold 60 entries, more than its"
              + " capacity of 50; nothing was changed. Raise backend option capacity");
        });
    assertThatThrownBy(() -> small.replace(forty.union(twenty)))
        .isInstanceOf(FirewallCapacityException.class);
    assertThat(small.current()).isEqualTo(forty);
    small.uninstall();
  }

  @Test
  void aSetOfAnotherTypeIsNamedAndLeftAlone() throws Exception {
    k.sh("ipset", "create", "mine", "hash:ip", "family", "inet");
    FirewallBackend other = k.backend(Map.of("set4", "mine", "set6", "mine6", "chain", "MINE"));
    assertThatThrownBy(other::prepare)
        .isInstanceOf(FirewallException.class)
        .hasMessage("iptables prepare: set mine exists as hash:ip family inet, not as plain"
            + " hash:net family inet; destroy it (ipset destroy mine) or name another set with"
            + " backend option set4");
    assertThat(k.sh("ipset", "list", "-t", "mine")).contains("Type: hash:ip");
  }

  @Test
  void hookNoneLeavesTheRulesToTheUser() throws Exception {
    FirewallBackend bare = k.backend(Map.of("set4", "own4", "set6", "own6", "hook", "none"));
    assertThat(bare.prepare()).isTrue();
    bare.apply(new Diff(set("192.0.2.99"), AddressSet.empty()));
    assertThat(k.ipsetMembers("own4")).isEqualTo(set("192.0.2.99"));
    assertThat(k.sh("iptables-save")).doesNotContain("own4");

    k.sh("iptables", "-t", "filter", "-A", "INPUT", "-m", "set", "--match-set", "own4", "src",
        "-j", "DROP");
    assertThatThrownBy(bare::uninstall).isInstanceOf(FirewallException.class)
        .hasMessageContaining("set own4 is still referenced 1 time(s) by rules that are not the"
            + " backend's; remove them first");
    k.sh("iptables", "-t", "filter", "-F", "INPUT");
    bare.uninstall();
    assertThat(k.sh("ipset", "list", "-n")).doesNotContain("own");
  }

  @Test
  void uninstallLeavesOtherRulesAndSets() throws Exception {
    k.sh("ipset", "create", "others", "hash:ip");
    k.sh("iptables", "-t", "raw", "-A", "PREROUTING", "-m", "set", "--match-set", "others",
        "src", "-j", "DROP");
    backend().uninstall();
    assertThat(k.sh("iptables", "-t", "raw", "-S"))
        .isEqualTo("-P PREROUTING ACCEPT\n-P OUTPUT ACCEPT\n"
            + "-A PREROUTING -m set --match-set others src -j DROP\n");
    assertThat(k.sh("ipset", "list", "-n")).isEqualTo("others\n");
  }

  @Test
  void theDropRuleCountsWhatItDrops() throws Exception {
    backend().apply(new Diff(set("203.0.113.7"), AddressSet.empty()));
    k.sh("ip", "addr", "add", "203.0.113.7/32", "dev", "lo");
    // Test-only shell: bash's /dev/udp sends one datagram from 203.0.113.7 to itself over lo.
    k.ns.exec("bash", "-c", "echo OPTIONS > /dev/udp/203.0.113.7/5060");
    assertThat(raw.counters()).first().satisfies(r -> {
      assertThat(r.spec()).isEqualTo("-m set --match-set apiban4 src -j DROP");
      assertThat(r.packets()).isEqualTo(1);
    });
    assertThat(k.sh("iptables", "-t", "raw", "-nvxL", "APIBAN"))
        .containsPattern("\\s1\\s+\\d+ DROP .*match-set apiban4 src");
  }
}
