package io.github.apiban4j.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.TestEnvironment;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Someone changes the backend's table by hand; the next {@code prepare()} (which every sync runs
 * first) puts back what is missing without losing the entries that are still there, and a sync's
 * diff against {@code current()} restores the entries.
 */
class NftablesDriftIT {
  private static final AddressSet ENTRIES = set("192.0.2.1", "198.51.100.7", "2001:db8::1",
      "203.0.113.0/25", "2001:db8:aa::/48");

  private NetworkNamespace ns;
  private NftablesBackend backend;
  private NftByHand byHand;

  @BeforeEach
  void prepared() throws IOException {
    TestEnvironment.requireCommand("nft", "nftables");
    ns = NetworkNamespace.create();
    byHand = new NftByHand(ns);
    backend = new NftablesBackend(NftSettingsFixture.in(ns.name()), CommandRunner.system());
    assertThat(backend.prepare()).isTrue();
    backend.apply(new Diff(ENTRIES, AddressSet.empty()));
    assertThat(backend.prepare()).as("nothing to repair").isFalse();
  }

  @AfterEach
  void deleteNamespace() throws IOException {
    if (ns != null) {
      ns.close();
    }
  }

  @Test
  void aFlushedSetIsRefilledByTheNextSyncsDiff() throws IOException {
    byHand.nft("flush", "set", "inet", "apiban", "apiban4");
    byHand.nft("flush", "set", "inet", "apiban", "apiban6net");
    assertThat(backend.prepare()).as("the structure is intact").isFalse();
    AddressSet current = backend.current();
    assertThat(current).isEqualTo(set("203.0.113.0/25", "2001:db8::1"));
    backend.apply(Diff.between(ENTRIES, current));
    assertThat(backend.current()).isEqualTo(ENTRIES);
  }

  @Test
  void aDeletedRuleIsPutBackAndTheEntriesStay() throws IOException {
    byHand.deleteRuleFor("apiban6");
    assertThat(view().ruleSets()).doesNotContain("ip6 @apiban6 counter drop");
    assertThat(backend.prepare()).isTrue();
    assertThat(view().ruleSets()).containsExactlyInAnyOrder("ip @apiban4 counter drop",
        "ip @apiban4net counter drop", "ip6 @apiban6 counter drop",
        "ip6 @apiban6net counter drop");
    assertThat(backend.current()).isEqualTo(ENTRIES);
  }

  @Test
  void aRuleAddedByHandToTheChainIsRemoved() throws IOException {
    byHand.nft("add", "rule", "inet", "apiban", "blocklist", "tcp", "dport", "22", "accept");
    assertThat(backend.prepare()).isTrue();
    assertThat(view().ruleSets()).hasSize(4);
  }

  @Test
  void aDeletedChainIsRecreatedWithItsRules() throws IOException {
    byHand.nft("delete", "chain", "inet", "apiban", "blocklist");
    assertThat(view().chains()).isEmpty();
    assertThat(backend.prepare()).isTrue();
    assertThat(view().chains()).containsExactly(
        java.util.Map.entry("blocklist", "prerouting -300 accept"));
    assertThat(view().ruleSets()).hasSize(4);
    assertThat(backend.current()).isEqualTo(ENTRIES);
  }

  @Test
  void aChainOnAnotherHookOrWithPolicyDropIsReplaced() throws IOException {
    byHand.nft("add", "chain", "inet", "apiban", "blocklist",
        "{ type filter hook prerouting priority -300; policy drop; }");
    assertThat(view().chains().get("blocklist")).isEqualTo("prerouting -300 drop");
    assertThat(backend.prepare()).isTrue();
    assertThat(view().chains().get("blocklist")).isEqualTo("prerouting -300 accept");

    NftablesBackend onInput = new NftablesBackend(new NftSettings("apiban", "apiban4", "apiban6",
        "input", 0, NftSettings.DEFAULT_TIMEOUT, ns.name()), CommandRunner.system());
    assertThat(onInput.prepare()).isTrue();
    assertThat(view().chains()).containsExactly(java.util.Map.entry("blocklist", "input 0 accept"));
    assertThat(view().ruleSets()).hasSize(4);
    assertThat(onInput.current()).isEqualTo(ENTRIES);
  }

  @Test
  void aDeletedSetIsRecreatedAndRefilled() throws IOException {
    byHand.deleteRuleFor("apiban4net");
    byHand.nft("delete", "set", "inet", "apiban", "apiban4net");
    assertThat(backend.prepare()).isTrue();
    assertThat(view().sets()).containsKey("apiban4net");
    assertThat(view().ruleSets()).contains("ip @apiban4net counter drop");
    backend.apply(Diff.between(ENTRIES, backend.current()));
    assertThat(backend.current()).isEqualTo(ENTRIES);
  }

  @Test
  void aDeletedTableIsRecreated() throws IOException {
    byHand.nft("delete", "table", "inet", "apiban");
    assertThat(backend.current()).isEqualTo(AddressSet.empty());
    assertThat(backend.prepare()).isTrue();
    backend.apply(Diff.between(ENTRIES, backend.current()));
    assertThat(backend.current()).isEqualTo(ENTRIES);
    assertThat(view().ruleSets()).hasSize(4);
  }

  @Test
  void aRangeAddedByHandIsReportedAsPrefixesAndTidiedByTheNextApply() throws IOException {
    byHand.nft("add", "element", "inet", "apiban", "apiban4net",
        "{ 198.51.100.16-198.51.100.40 }");
    byHand.nft("add", "element", "inet", "apiban", "apiban4net", "{ 192.0.2.200 }");
    AddressSet current = backend.current();
    assertThat(current.minus(ENTRIES)).isEqualTo(set("192.0.2.200", "198.51.100.16/28",
        "198.51.100.32/29", "198.51.100.40"));
    backend.apply(Diff.between(ENTRIES.union(set("192.0.2.200")), current));
    assertThat(backend.current()).isEqualTo(ENTRIES.union(set("192.0.2.200")));
    NftTableView view = view();
    assertThat(view.sets().get("apiban4")).isEqualTo(set("192.0.2.1", "192.0.2.200",
        "198.51.100.7"));
    assertThat(view.sets().get("apiban4net")).isEqualTo(set("203.0.113.0/25"));
  }

  @Test
  void aTableHoldingSomethingElseIsNeitherAdoptedNorDeleted() throws IOException {
    byHand.nft("add", "chain", "inet", "apiban", "input");
    assertThatThrownBy(backend::prepare).isInstanceOf(FirewallException.class)
        .hasMessage("nftables prepare: table inet apiban holds [chain input], which apiban4j did"
            + " not create; the backend needs a table of its own: choose another one with backend"
            + " option table=NAME");
    assertThatThrownBy(backend::uninstall).isInstanceOf(FirewallException.class)
        .hasMessageContaining("holds [chain input]");
    assertThat(view()).isNotNull();
  }

  @Test
  void uninstallLeavesOtherTablesAlone() throws IOException {
    byHand.nft("add", "table", "inet", "filter");
    byHand.nft("add", "set", "inet", "filter", "apiban4", "{ type ipv4_addr; }");
    backend.uninstall();
    assertThat(view()).isNull();
    assertThat(byHand.run("list", "set", "inet", "filter", "apiban4").succeeded()).isTrue();
  }

  private NftTableView view() throws IOException {
    return NftTableView.read(ns, "apiban");
  }

  static AddressSet set(String... entries) {
    AddressSet.Builder b = AddressSet.builder();
    for (String e : entries) {
      b.add(IpPrefix.parse(e));
    }
    return b.build();
  }
}
