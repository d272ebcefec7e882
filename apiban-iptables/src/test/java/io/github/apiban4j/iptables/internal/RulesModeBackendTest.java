package io.github.apiban4j.iptables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.RecordingCommandRunner;
import io.github.apiban4j.testkit.TestAddresses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mode rules keeps what it read of its chain between batches: which batches need a read, and how
 * changes made behind its back are still put right.
 */
class RulesModeBackendTest {
  private static final String SAVE4 = "iptables-save -t raw";
  private static final String RESTORE4 = "iptables-restore --noflush -w 59";
  private static final String RESTORE6 = "ip6tables-restore --noflush -w 59";

  private final FakeTools tools = new FakeTools();
  private final RecordingCommandRunner runner = RecordingCommandRunner.answering(tools::run);

  private IptablesBackend backend(Map<String, String> options) throws IOException {
    IptablesBackend backend = IptablesBackend.create(runner,
        IptablesSettings.from("iptables", BackendConfig.of(options)));
    backend.prepare();
    runner.clear();
    return backend;
  }

  private static AddressSet set(String... literals) {
    AddressSet.Builder b = AddressSet.builder();
    for (String s : literals) {
      b.add(s);
    }
    return b.build();
  }

  private static Diff adding(String... literals) {
    return new Diff(set(literals), AddressSet.empty());
  }

  private List<String> chain(String tool) {
    return tools.chains.get(tool).get("APIBAN");
  }

  @Test
  void aPageOfAdditionsAfterPrepareIsOneRestorePerFamilyAndNoRead() throws IOException {
    IptablesBackend backend = backend(Map.of("mode", "rules"));
    backend.apply(adding("192.0.2.1", "198.51.100.0/24", "2001:db8::1"));
    assertThat(runner.commandLines()).containsExactly(RESTORE4, RESTORE6);
    assertThat(runner.stdins()).containsExactly(
        "*raw\n-A APIBAN -s 192.0.2.1/32 -j DROP\n-A APIBAN -s 198.51.100.0/24 -j DROP\nCOMMIT\n",
        "*raw\n-A APIBAN -s 2001:db8::1/128 -j DROP\nCOMMIT\n");

    runner.clear();
    backend.apply(adding("192.0.2.1", "203.0.113.5"));
    assertThat(runner.stdins()).as("what it wrote itself is known to be there").containsExactly(
        "*raw\n-A APIBAN -s 203.0.113.5/32 -j DROP\nCOMMIT\n");
    runner.clear();
    backend.apply(adding("192.0.2.1"));
    assertThat(runner.commands()).as("nothing new: no process at all").isEmpty();

    backend.apply(new Diff(AddressSet.empty(), set("203.0.113.5")));
    assertThat(runner.commandLines()).as("a removal reads first").containsExactly(SAVE4, RESTORE4);
    assertThat(chain("iptables")).containsExactly("-s 192.0.2.1/32 -j DROP",
        "-s 198.51.100.0/24 -j DROP");
  }

  @Test
  void currentAlsoTellsWhatTheChainHoldsAndAChainThatIsGoneIsNotKnown() throws IOException {
    IptablesBackend backend = IptablesBackend.create(runner,
        IptablesSettings.from("iptables", BackendConfig.of(Map.of("mode", "rules"))));
    assertThat(backend.current()).isEmpty();
    runner.clear();
    assertThatThrownBy(() -> backend.apply(adding("192.0.2.1")))
        .hasMessage("iptables apply: chain APIBAN does not exist in iptables table raw; prepare()"
            + " creates it (a sync does so before it applies anything)");
    assertThat(runner.commandLines()).containsExactly(SAVE4);

    backend.prepare();
    chain("iptables").add("-s 192.0.2.9/32 -j DROP"); // by hand, after the read of prepare()
    assertThat(backend.current()).isEqualTo(set("192.0.2.9"));
    runner.clear();
    backend.apply(adding("192.0.2.9", "192.0.2.1"));
    assertThat(runner.commandLines()).containsExactly(RESTORE4);
    assertThat(runner.stdins()).containsExactly("*raw\n-A APIBAN -s 192.0.2.1/32 -j DROP\nCOMMIT\n");
  }

  @Test
  void aFailedRestoreForgetsWhatWasKnownUntilTheNextRead() throws IOException {
    IptablesBackend backend = backend(Map.of("mode", "rules"));
    tools.tablesRestoreError = "iptables-restore: line 2 failed\n";
    assertThatThrownBy(() -> backend.apply(adding("192.0.2.1")))
        .isInstanceOf(FirewallException.class).hasMessageContaining("line 2 failed");
    assertThat(runner.commandLines()).as("tried once more after a read")
        .containsExactly(RESTORE4, SAVE4, RESTORE4);

    tools.tablesRestoreError = null;
    runner.clear();
    backend.apply(adding("192.0.2.1"));
    assertThat(runner.commandLines()).containsExactly(SAVE4, RESTORE4);
    runner.clear();
    backend.apply(adding("192.0.2.3"));
    assertThat(runner.commandLines()).as("known again from that read").containsExactly(RESTORE4);
  }

  @Test
  void aPageIntoAChainRemovedMeanwhileReadsItAndSaysToPrepare() throws IOException {
    IptablesBackend backend = backend(Map.of("mode", "rules"));
    tools.chains.get("iptables").remove("APIBAN");
    tools.chains.get("iptables").get("PREROUTING").clear();
    assertThatThrownBy(() -> backend.apply(adding("192.0.2.1")))
        .isInstanceOf(FirewallException.class)
        .hasMessage("iptables apply: chain APIBAN does not exist in iptables table raw; prepare()"
            + " creates it (a sync does so before it applies anything)");
    assertThat(runner.commandLines()).containsExactly(RESTORE4, SAVE4);

    assertThat(backend.prepare()).isTrue();
    runner.clear();
    backend.apply(adding("192.0.2.1"));
    assertThat(runner.commandLines()).containsExactly(RESTORE4);
    assertThat(chain("iptables")).containsExactly("-s 192.0.2.1/32 -j DROP");
  }

  @Test
  void aRuleAddedByHandMeanwhileMayGoInTwiceAndARemovalDeletesBoth() throws IOException {
    IptablesBackend backend = backend(Map.of("mode", "rules"));
    chain("ip6tables").add("-s 2001:db8::9/128 -j DROP");
    backend.apply(adding("2001:db8::9"));
    assertThat(chain("ip6tables")).containsExactly("-s 2001:db8::9/128 -j DROP",
        "-s 2001:db8::9/128 -j DROP");
    assertThat(backend.current()).isEqualTo(set("2001:db8::9"));

    backend.apply(adding("2001:db8::9"));
    assertThat(chain("ip6tables")).as("once known, never again").hasSize(2);
    backend.apply(new Diff(AddressSet.empty(), set("2001:db8::9")));
    assertThat(chain("ip6tables")).isEmpty();
    assertThat(backend.current()).isEmpty();
  }

  @Test
  void theCapacityIsCheckedAgainstTheKnownEntriesAndAReadWhenTheyMightNotFit()
      throws IOException {
    IptablesBackend backend = backend(Map.of("mode", "rules", "capacity", "2"));
    backend.apply(adding("192.0.2.1", "192.0.2.3"));
    assertThat(runner.commandLines()).containsExactly(RESTORE4);
    chain("iptables").remove("-s 192.0.2.1/32 -j DROP"); // by hand: there is room after all
    runner.clear();
    backend.apply(adding("192.0.2.4"));
    assertThat(runner.commandLines()).containsExactly(SAVE4, RESTORE4);
    assertThatThrownBy(() -> backend.apply(adding("192.0.2.5")))
        .isInstanceOfSatisfying(FirewallCapacityException.class, e -> assertThat(e)
            .hasMessageContaining("chain APIBAN would hold 3 iptables rules"));
    assertThat(chain("iptables")).containsExactly("-s 192.0.2.3/32 -j DROP",
        "-s 192.0.2.4/32 -j DROP");
  }

  @Test
  void removalsDeepInTheChainRewriteItAndRemovalsNearItsStartDeleteRuleByRule()
      throws IOException {
    IptablesBackend backend = backend(Map.of("mode", "rules"));
    backend.apply(adding(TestAddresses.manyIpv6(0, 400).toArray(String[]::new)));
    List<String> rules = List.copyOf(chain("ip6tables"));
    runner.clear();
    backend.apply(new Diff(AddressSet.empty(), entriesOf(rules.subList(0, 30))));
    assertThat(runner.stdins()).singleElement().satisfies(in -> assertThat(in)
        .startsWith("*raw\n-D APIBAN " + rules.get(0) + "\n").doesNotContain(":APIBAN"));

    runner.clear(); // 30 searches of some 355 rules each cost more than appending the 340 left
    backend.apply(new Diff(AddressSet.empty(), entriesOf(rules.subList(370, 400))));
    assertThat(runner.stdins()).singleElement().satisfies(in -> assertThat(in)
        .startsWith("*raw\n:APIBAN - [0:0]\n-A APIBAN ").doesNotContain("-D "));
    assertThat(chain("ip6tables")).containsExactlyInAnyOrderElementsOf(rules.subList(30, 370));
  }

  /** The entries of rules {@code -s ADDRESS/LENGTH -j DROP}. */
  private static AddressSet entriesOf(List<String> rules) {
    AddressSet.Builder b = AddressSet.builder();
    rules.forEach(r -> b.add(r.split(" ")[1]));
    return b.build();
  }

  @Test
  void aRuleDeletedByHandBetweenPagesIsPutBackByTheNextSync(@TempDir Path dir)
      throws IOException {
    IptablesBackend backend = backend(Map.of("mode", "rules"));
    try (FakeApiban apiban = FakeApiban.start(FeedSync.KEY);
        BlocklistSync sync = FeedSync.into(backend, apiban, dir.resolve("state.json"))) {
      apiban.publish("203.0.113.7", "198.51.100.23");
      sync.run();
      assertThat(chain("iptables")).contains("-s 203.0.113.7/32 -j DROP");

      chain("iptables").remove("-s 203.0.113.7/32 -j DROP");
      backend.apply(adding("203.0.113.7"));
      assertThat(chain("iptables")).as("a page trusts what it knows")
          .doesNotContain("-s 203.0.113.7/32 -j DROP");

      sync.run();
    }
    assertThat(chain("iptables")).containsExactlyInAnyOrder("-s 203.0.113.7/32 -j DROP",
        "-s 198.51.100.23/32 -j DROP");
  }
}
