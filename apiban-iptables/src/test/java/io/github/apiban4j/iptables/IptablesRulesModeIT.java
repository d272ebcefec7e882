package io.github.apiban4j.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.iptables.internal.IptablesBackend;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.testkit.TestAddresses;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mode rules against the real kernel: the kit, then what the kit cannot see. */
class IptablesRulesModeIT extends IptablesKernelKit {
  @Override
  Map<String, String> options() {
    return Map.of("mode", "rules");
  }

  @Override
  AddressSet toolView() throws IOException {
    return k.chainRules("raw", "APIBAN");
  }

  /**
   * 20,000 rather than the kit's 100,000: with 100,000 this one test took 16.5 s on the 2-core
   * test machine (1.4 s with 20,000), since each step reads the whole chain back with
   * iptables-save and iptables -S. 20,000 rules is already twice the 10,000 that took a packet's
   * round trip from 3 to 29 microseconds, and its 10,000 removals still take the chain-rewrite
   * path (above RulesModeBackend.REWRITE_ABOVE).
   */
  @Override
  protected int largeBatchSize() {
    return 20_000;
  }

  @Test
  void prepareCreatesTheChainAndItsJumpAndNoSets() throws Exception {
    assertThat(k.sh("iptables", "-t", "raw", "-S")).contains("-N APIBAN\n-A PREROUTING -j APIBAN");
    assertThat(k.sh("ip6tables", "-t", "raw", "-S")).contains("-A PREROUTING -j APIBAN");
    assertThat(k.sh("ipset", "list", "-n")).isEmpty();
  }

  /**
   * A page of additions after prepare() and current() is one restore per family, with no read:
   * what they read is known. (It was one iptables-save and one restore per family; the save was
   * most of a page's time in a large chain.)
   */
  @Test
  void aPageOfAdditionsIsOneRestorePerFamily() throws Exception {
    k.runner.clear();
    raw.apply(new Diff(set("192.0.2.1", "198.51.100.0/24", "2001:db8::1"), AddressSet.empty()));
    assertThat(k.commandsRun()).containsExactly("iptables-restore --noflush -w 59",
        "ip6tables-restore --noflush -w 59");
    assertThat(k.sh("iptables", "-t", "raw", "-S", "APIBAN")).isEqualTo("-N APIBAN\n"
        + "-A APIBAN -s 192.0.2.1/32 -j DROP\n-A APIBAN -s 198.51.100.0/24 -j DROP\n");

    k.runner.clear();
    raw.apply(new Diff(set("192.0.2.1"), AddressSet.empty()));
    assertThat(k.commandsRun()).as("nothing to change, no process").isEmpty();

    raw.apply(new Diff(AddressSet.empty(), set("192.0.2.1")));
    assertThat(k.commandsRun()).as("a removal reads the chain first")
        .containsExactly("iptables-save -t raw", "iptables-restore --noflush -w 59");
    assertThat(backend().current()).isEqualTo(set("198.51.100.0/24", "2001:db8::1"));
  }

  /** Pages and a removal one after another, as in one sync run, with no read by the test between. */
  @Test
  void whatTheBackendKnowsStaysTrueAcrossPagesAndRemovals() throws Exception {
    raw.apply(new Diff(set("192.0.2.1", "192.0.2.2", "2001:db8::1"), AddressSet.empty()));
    raw.apply(new Diff(AddressSet.empty(), set("192.0.2.1", "2001:db8::1")));
    raw.apply(new Diff(set("192.0.2.1", "192.0.2.3"), AddressSet.empty()));
    raw.apply(new Diff(set("192.0.2.2", "192.0.2.4", "2001:db8::2"), AddressSet.empty()));
    AddressSet expected = set("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "2001:db8::2");
    assertThat(k.chainRules("raw", "APIBAN")).isEqualTo(expected);
    assertThat(k.sh("iptables", "-t", "raw", "-S", "APIBAN").lines()
        .filter(l -> l.startsWith("-A"))).as("no rule twice").hasSize(4);
    assertThat(raw.current()).isEqualTo(expected);
  }

  @Test
  void aRuleDeletedByHandBetweenPagesIsBackAfterTheNextPrepareAndCurrent() throws Exception {
    AddressSet banned = set("203.0.113.7", "203.0.113.8", "2001:db8::7");
    raw.apply(new Diff(banned, AddressSet.empty()));
    k.sh("iptables", "-t", "raw", "-D", "APIBAN", "-s", "203.0.113.7/32", "-j", "DROP");
    raw.apply(new Diff(set("203.0.113.7", "203.0.113.9"), AddressSet.empty()));
    assertThat(k.chainRules("raw", "APIBAN")).as("a page trusts what it knows")
        .isEqualTo(set("203.0.113.8", "203.0.113.9", "2001:db8::7"));

    // What a sync does at its start: it reads the kernel, and the diff puts the rule back.
    AddressSet wanted = banned.union(set("203.0.113.9"));
    raw.prepare();
    raw.apply(Diff.between(wanted, raw.current()));
    assertThat(k.chainRules("raw", "APIBAN")).isEqualTo(wanted);
  }

  @Test
  void aPageIntoAChainRemovedByHandReadsItSaysToPrepareAndIsOneRestoreAfterIt()
      throws Exception {
    k.sh("iptables", "-t", "raw", "-D", "PREROUTING", "-j", "APIBAN");
    k.sh("iptables", "-t", "raw", "-X", "APIBAN");
    k.runner.clear();
    assertThatThrownBy(() -> raw.apply(new Diff(set("192.0.2.1"), AddressSet.empty())))
        .isInstanceOf(FirewallException.class)
        .hasMessage("iptables apply: chain APIBAN does not exist in iptables table raw; prepare()"
            + " creates it (a sync does so before it applies anything)");
    assertThat(k.commandsRun()).as("the failed restore, then a read to find out why")
        .containsExactly("iptables-restore --noflush -w 59", "iptables-save -t raw");

    assertThat(raw.prepare()).isTrue();
    k.runner.clear();
    raw.apply(new Diff(set("192.0.2.1"), AddressSet.empty()));
    assertThat(k.commandsRun()).containsExactly("iptables-restore --noflush -w 59");
    assertThat(k.chainRules("raw", "APIBAN")).isEqualTo(set("192.0.2.1"));
  }

  @Test
  void aRuleAddedByHandBeforeAPageMayGoInTwiceAndOneRemovalDeletesBoth() throws Exception {
    k.sh("ip6tables", "-t", "raw", "-A", "APIBAN", "-s", "2001:db8::9", "-j", "DROP");
    raw.apply(new Diff(set("2001:db8::9"), AddressSet.empty()));
    assertThat(k.sh("ip6tables", "-t", "raw", "-S", "APIBAN")).isEqualTo("-N APIBAN\n"
        + "-A APIBAN -s 2001:db8::9/128 -j DROP\n-A APIBAN -s 2001:db8::9/128 -j DROP\n");
    assertThat(raw.current()).isEqualTo(set("2001:db8::9"));

    raw.apply(new Diff(AddressSet.empty(), set("2001:db8::9")));
    assertThat(k.sh("ip6tables", "-t", "raw", "-S", "APIBAN")).isEqualTo("-N APIBAN\n");
    assertThat(backend().current()).isEmpty();
  }

  @Test
  void aSwitchBetweenModesLeavesNoRuleUnmanagedWithoutSayingSo() throws Exception {
    IptablesBackend sets = k.backend(Map.of());
    sets.prepare();
    sets.apply(new Diff(set("192.0.2.9", "2001:db8::9"), AddressSet.empty()));
    assertThat(k.sh("iptables", "-t", "raw", "-S", "APIBAN")).contains("--match-set apiban4");

    // To rules: the set drop rules would go on matching sets that nothing updates any more.
    assertThat(backend().prepare()).isTrue();
    backend().apply(new Diff(set("203.0.113.7"), AddressSet.empty()));
    assertThat(k.sh("iptables", "-t", "raw", "-S", "APIBAN")).doesNotContain("match-set")
        .contains("-A APIBAN -s 203.0.113.7/32 -j DROP");
    assertThat(k.sh("ip6tables", "-t", "raw", "-S", "APIBAN")).doesNotContain("match-set");

    // Back to set: the per-address rules may be another client's, so they stay, named.
    assertThat(sets.prepare()).isTrue();
    assertThat(k.sh("iptables", "-t", "raw", "-S", "APIBAN"))
        .contains("--match-set apiban4", "-s 203.0.113.7/32 -j DROP");
    assertThat(sets.status().warnings()).anySatisfy(w -> assertThat(w)
        .contains("chain APIBAN also holds 1 DROP rule besides").contains("never expire"));
  }

  @Test
  void driftIsRepairedByPrepareAndTheNextDiff() throws Exception {
    AddressSet banned = set("203.0.113.7", "2001:db8::7");
    backend().apply(new Diff(banned, AddressSet.empty()));

    k.sh("iptables", "-t", "raw", "-D", "PREROUTING", "-j", "APIBAN");
    assertThat(backend().prepare()).isTrue();
    assertThat(k.sh("iptables", "-t", "raw", "-S", "PREROUTING")).contains("-j APIBAN");

    k.sh("ip6tables", "-t", "raw", "-D", "PREROUTING", "-j", "APIBAN");
    k.sh("ip6tables", "-t", "raw", "-F", "APIBAN");
    k.sh("ip6tables", "-t", "raw", "-X", "APIBAN");
    assertThat(backend().current()).isEqualTo(set("203.0.113.7"));
    assertThat(backend().prepare()).isTrue();
    backend().apply(Diff.between(banned, backend().current()));
    assertThat(backend().current()).isEqualTo(banned);
    assertThat(k.sh("ip6tables", "-t", "raw", "-S")).contains("-A PREROUTING -j APIBAN",
        "-A APIBAN -s 2001:db8::7/128 -j DROP");
  }

  @Test
  void aChainWithRulesOfOthersIsEditedNotRewritten() throws Exception {
    List<String> many = TestAddresses.manyIpv6(0, 1500);
    AddressSet entries = set(many.toArray(String[]::new));
    backend().apply(new Diff(entries, AddressSet.empty()));
    k.sh("ip6tables", "-t", "raw", "-I", "APIBAN", "1", "-s", "2001:db8:ffff::/48", "-j",
        "ACCEPT");
    AddressSet gone = set(many.subList(0, 1200).toArray(String[]::new));
    backend().apply(new Diff(AddressSet.empty(), gone));
    assertThat(backend().current()).isEqualTo(entries.minus(gone));
    assertThat(k.sh("ip6tables", "-t", "raw", "-S", "APIBAN"))
        .startsWith("-N APIBAN\n-A APIBAN -s 2001:db8:ffff::/48 -j ACCEPT\n");
  }

  @Test
  void aBatchBeyondTheCapacityChangesNothing() throws Exception {
    FirewallBackend small = k.backend(Map.of("mode", "rules", "chain", "SMALL", "capacity", "3",
        "hook", "input"));
    small.prepare();
    small.apply(new Diff(set("192.0.2.1", "192.0.2.2"), AddressSet.empty()));
    assertThatThrownBy(() -> small.apply(new Diff(set("192.0.2.3", "192.0.2.4"),
        AddressSet.empty())))
        .isInstanceOfSatisfying(FirewallCapacityException.class, e -> assertThat(e)
            .hasMessageContaining("chain SMALL would hold 4 iptables rules, more than the capacity"
                + " of 3; nothing was changed"));
    assertThat(k.chainRules("filter", "SMALL")).isEqualTo(set("192.0.2.1", "192.0.2.2"));
    small.uninstall();
    assertThat(k.sh("iptables", "-t", "filter", "-S")).doesNotContain("SMALL");
  }

  @Test
  void applyingWithoutTheChainSaysToPrepare() throws Exception {
    for (String tool : new String[] {"iptables", "ip6tables"}) {
      k.sh(tool, "-t", "raw", "-D", "PREROUTING", "-j", "APIBAN");
      k.sh(tool, "-t", "raw", "-X", "APIBAN");
    }
    assertThat(backend().current()).isEmpty();
    assertThatThrownBy(() -> raw.apply(new Diff(set("192.0.2.1"), AddressSet.empty())))
        .isInstanceOf(FirewallException.class)
        .hasMessage("iptables apply: chain APIBAN does not exist in iptables table raw; prepare()"
            + " creates it (a sync does so before it applies anything)");
  }
}
