package io.github.apiban4j.iptables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.xtables.SetRoom;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.spi.FirewallPermissionException;
import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.RecordingCommandRunner;
import io.github.apiban4j.testkit.TestAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the backend writes to the tools, byte for byte, against in-memory fakes of them. */
class IptablesBackendTest {
  /** The hostile entries of core's sync tests, and a few more aimed at the tools' syntax. */
  static final List<String> HOSTILE = List.of("1.2.3.4; rm -rf /", "$(reboot)", "999.1.1.1",
      "example.com", "192.0.2.1 ", "192.0.2.2\n", "192.0.2.03", "`id`", "", "2001:db8::1%eth0",
      "192.0.2.1\nflush apiban4", "192.0.2.1 -j ACCEPT", "-F", "192.0.2.1/24", "0x7f.1",
      "192.0.2.1\u0000", "2001:db8::1/129", "::ffff:192.0.2.1/33");

  private final FakeTools tools = new FakeTools();
  private final RecordingCommandRunner runner = RecordingCommandRunner.answering(tools::run);

  private IptablesBackend backend(Map<String, String> options) {
    return IptablesBackend.create(runner,
        IptablesSettings.from("iptables", BackendConfig.of(options)));
  }

  private static AddressSet set(String... literals) {
    AddressSet.Builder b = AddressSet.builder();
    for (String s : literals) {
      b.add(s);
    }
    return b.build();
  }

  @Test
  void prepareCreatesTheSetsThenTheHook() throws IOException {
    IptablesBackend backend = backend(Map.of());
    assertThat(backend.prepare()).isTrue();
    assertThat(runner.stdins()).startsWith(
        "create apiban4 hash:net family inet hashsize 1024 maxelem 262144\n"
            + "create apiban6 hash:net family inet6 hashsize 1024 maxelem 262144\n",
        "*raw\n:APIBAN - [0:0]\n-A APIBAN -m set --match-set apiban4 src -j DROP\n"
            + "-I PREROUTING 1 -j APIBAN\nCOMMIT\n");
    runner.clear();
    assertThat(backend.prepare()).isFalse();
    assertThat(runner.stdins()).isEmpty();
  }

  @Test
  void applyIsOneIpsetRestoreOfDeletionsThenAdditions() throws IOException {
    IptablesBackend backend = backend(Map.of());
    backend.prepare();
    backend.apply(new Diff(set("192.0.2.9"), AddressSet.empty()));
    runner.clear();
    backend.apply(new Diff(set("192.0.2.1", "198.51.100.0/24", "2001:db8::1", "2001:db8:1::/48"),
        set("192.0.2.9")));
    // A page whose room is known from prepare() and the batch before: one process, no listing.
    assertThat(runner.commandLines()).containsExactly("ipset restore -exist");
    assertThat(runner.stdins()).containsExactly("del apiban4 192.0.2.9\nadd apiban4 192.0.2.1\n"
        + "add apiban4 198.51.100.0/24\nadd apiban6 2001:db8::1\nadd apiban6 2001:db8:1::/48\n");
    assertThat(runner.commands()).allSatisfy(c -> assertThat(c.timeout())
        .isEqualTo(Command.DEFAULT_TIMEOUT));

    runner.clear(); // a batch too large to go on the known room alone reads the headers first
    AddressSet.Builder big = AddressSet.builder();
    for (int i = 0; i < SetRoom.SMALL_BATCH + 1; i++) {
      big.add(TestAddresses.ipv6(i));
    }
    backend.apply(new Diff(big.build(), AddressSet.empty()));
    assertThat(runner.commandLines()).containsExactly("ipset list -t", "ipset restore -exist");
  }

  @Test
  void replaceBuildsAsideAndSwaps() throws IOException {
    IptablesBackend backend = backend(Map.of("timeout", "5s", "namespace", "apiban-it-x"));
    backend.prepare();
    runner.clear();
    backend.replace(set("192.0.2.5", "2001:db8::5"));
    assertThat(runner.stdins()).containsExactly(
        "create apiban4-new hash:net family inet hashsize 1024 maxelem 262144\n"
            + "add apiban4-new 192.0.2.5\nswap apiban4-new apiban4\ndestroy apiban4-new\n"
            + "create apiban6-new hash:net family inet6 hashsize 1024 maxelem 262144\n"
            + "add apiban6-new 2001:db8::5\nswap apiban6-new apiban6\ndestroy apiban6-new\n");
    assertThat(runner.commands()).allSatisfy(c -> {
      assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(c.namespace()).contains("apiban-it-x");
    });
    assertThat(backend.current()).isEqualTo(set("192.0.2.5", "2001:db8::5"));
  }

  @Test
  void rulesModeWritesOneRulePerEntryPerFamily() throws IOException {
    IptablesBackend backend = backend(Map.of("mode", "rules"));
    backend.prepare();
    runner.clear();
    backend.apply(new Diff(set("192.0.2.1", "198.51.100.0/24", "2001:db8::1"),
        AddressSet.empty()));
    backend.apply(new Diff(set("192.0.2.7"), set("192.0.2.1", "192.0.2.200")));
    assertThat(runner.stdins()).containsExactly(
        "*raw\n-A APIBAN -s 192.0.2.1/32 -j DROP\n-A APIBAN -s 198.51.100.0/24 -j DROP\nCOMMIT\n",
        "*raw\n-A APIBAN -s 2001:db8::1/128 -j DROP\nCOMMIT\n",
        "*raw\n-D APIBAN -s 192.0.2.1/32 -j DROP\n-A APIBAN -s 192.0.2.7/32 -j DROP\nCOMMIT\n");
    assertThat(backend.current()).isEqualTo(set("192.0.2.7", "198.51.100.0/24", "2001:db8::1"));
  }

  @Test
  void rulesModeRewritesTheChainForLargeRemovals() throws IOException {
    IptablesBackend backend = backend(Map.of("mode", "rules"));
    backend.prepare();
    AddressSet many = set(TestAddresses.manyIpv6(0, 1200).toArray(String[]::new));
    backend.apply(new Diff(many, AddressSet.empty()));
    AddressSet stay = set(TestAddresses.ipv6(0), TestAddresses.ipv6(1));
    runner.clear();
    backend.apply(new Diff(set("2001:db8:ffff::/48"), many.minus(stay)));
    assertThat(runner.stdins()).containsExactly("*raw\n:APIBAN - [0:0]\n"
        + "-A APIBAN -s " + TestAddresses.ipv6(0) + "/128 -j DROP\n"
        + "-A APIBAN -s " + TestAddresses.ipv6(1) + "/128 -j DROP\n"
        + "-A APIBAN -s 2001:db8:ffff::/48 -j DROP\nCOMMIT\n");
    assertThat(backend.current()).isEqualTo(stay.union(set("2001:db8:ffff::/48")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"set", "rules"})
  void hostileFeedEntriesNeverReachATool(String mode, @TempDir Path dir) throws IOException {
    for (String hostile : HOSTILE) {
      assertThat(IpPrefix.tryParse(hostile)).as("'%s' is refused at parsing", hostile).isNull();
    }
    IptablesBackend backend = backend(Map.of("mode", mode));
    List<String> good = List.of("203.0.113.7", "198.51.100.23", "2001:db8::7");
    try (FakeApiban apiban = FakeApiban.start(FeedSync.KEY);
        BlocklistSync sync = FeedSync.into(backend, apiban, dir.resolve("state.json"))) {
      List<String> feed = new ArrayList<>(HOSTILE);
      feed.addAll(good);
      apiban.publish(feed.toArray(String[]::new));
      sync.run();
    }
    assertThat(backend.current()).isEqualTo(set(good.toArray(String[]::new)));

    Pattern ipsetLine = Pattern.compile("create apiban[46] hash:net family inet6? hashsize 1024"
        + " maxelem 262144|(add|del) apiban[46] [0-9a-f.:/]+");
    Pattern restoreLine = Pattern.compile("\\*raw|COMMIT|:APIBAN - \\[0:0\\]"
        + "|-I PREROUTING 1 -j APIBAN|-A APIBAN -m set --match-set apiban[46] src -j DROP"
        + "|-A APIBAN -s [0-9a-f.:]+/[0-9]+ -j DROP");
    Pattern word = Pattern.compile("[a-z0-9.-]+|-[a-zA-Z]|--noflush");
    for (Command c : runner.commands()) {
      assertThat(c.arguments()).allMatch(a -> word.matcher(a).matches(), "plain words: " + c);
      String in = new String(c.stdin(), StandardCharsets.UTF_8);
      for (String l : in.isEmpty() ? new String[0] : in.split("\n", -1)) {
        Pattern line = c.program().equals("ipset") ? ipsetLine : restoreLine;
        assertThat(l.isEmpty() || line.matcher(l).matches()).as("line '%s' of %s", l, c).isTrue();
      }
      assertThat(in.isEmpty() || in.endsWith("\n")).isTrue();
    }
    String written = String.join("", runner.stdins());
    for (String entry : good) {
      assertThat(written).contains(entry);
    }
  }

  @Test
  void theOptionsAreCheckedAndTheMessageNamesTheOption() {
    Map<Map<String, String>, String> bad = Map.of(
        Map.of("mode", "rulez"), "backend option mode must be set or rules, not 'rulez'",
        Map.of("set4", "a;b"), "backend option set4 must be an ipset set name",
        Map.of("set6", "apiban4"), "backend options set4 and set6 must name different sets",
        Map.of("chain", "INPUT"), "backend option chain must name a chain of the backend's own",
        Map.of("hook", "output"), "backend option hook must be one of prerouting, input,",
        Map.of("hook", "none", "mode", "rules"), "backend option hook=none needs mode=set",
        Map.of("capacity", "-3"), "backend option capacity must be a positive integer",
        Map.of("timeout", "soon"), "backend option timeout: 'soon' is not a duration",
        Map.of("timeout", "0s"), "backend option timeout must be at least 100ms",
        Map.of("sets", "x"), "unknown option(s) [sets] for backend iptables");
    bad.forEach((options, message) -> assertThatThrownBy(
        () -> IptablesSettings.from("iptables", BackendConfig.of(options)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message));
  }

  @Test
  void defaultsAreTheSetsOfTheIpsetNetlinkBackendAndChainApiban() {
    IptablesSettings s = IptablesSettings.from("iptables", BackendConfig.empty());
    assertThat(s).isEqualTo(new IptablesSettings(IptablesSettings.Mode.SET, "apiban4", "apiban6",
        "APIBAN", io.github.apiban4j.internal.xtables.HookPoint.PREROUTING, 262_144,
        Command.DEFAULT_TIMEOUT, java.util.Optional.empty()));
  }

  @Test
  void noPrivilegeSaysWhichCapability() throws IOException {
    IptablesBackend backend = backend(Map.of());
    backend.prepare();
    tools.ipsetRestoreError = "ipset v7.17: Kernel error received: Operation not permitted\n";
    assertThatThrownBy(() -> backend.apply(new Diff(set("192.0.2.1"), AddressSet.empty())))
        .isInstanceOf(FirewallPermissionException.class)
        .hasMessageContaining("Operation not permitted")
        .hasMessageEndingWith("needs CAP_NET_ADMIN: run as root, or grant the capability"
            + " (systemd: AmbientCapabilities=CAP_NET_ADMIN)");
  }

  @Test
  void aSetThatFillsMeanwhileIsACapacityError() throws IOException {
    IptablesBackend backend = backend(Map.of());
    backend.prepare();
    tools.ipsetRestoreError = "ipset v7.17: Error in line 2: Hash is full, cannot add more"
        + " elements\n";
    assertThatThrownBy(() -> backend.apply(new Diff(set("192.0.2.1"), AddressSet.empty())))
        .isInstanceOfSatisfying(FirewallCapacityException.class, e -> {
          assertThat(e.capacity()).isEqualTo(262_144);
          assertThat(e).hasMessageContaining("exited with status 1", "Hash is full");
        });
  }

  @Test
  void theCapacityHoldsEvenForALargerSetMadeElsewhere() throws IOException {
    IptablesBackend backend = backend(Map.of("capacity", "3"));
    backend.prepare(); // the fake's sets say maxelem 262144
    backend.apply(new Diff(set("192.0.2.1", "192.0.2.3"), AddressSet.empty()));
    runner.clear();
    assertThatThrownBy(() -> backend.apply(new Diff(set("192.0.2.4", "192.0.2.5"),
        AddressSet.empty())))
        .isInstanceOfSatisfying(FirewallCapacityException.class, e -> assertThat(e.capacity())
            .isEqualTo(3));
    assertThat(runner.commands("ipset")).noneMatch(c -> c.stdinLength() > 0);
    backend.apply(new Diff(set("192.0.2.4"), set("192.0.2.1")));
    assertThat(backend.current()).isEqualTo(set("192.0.2.3", "192.0.2.4"));
  }

  @Test
  void aMissingToolSaysWhatToInstall(@TempDir Path empty) {
    IptablesBackend backend = IptablesBackend.create(
        new ProcessCommandRunner().withSearchPath(List.of(empty)),
        IptablesSettings.from("iptables", BackendConfig.empty()));
    assertThatThrownBy(backend::prepare)
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("'ipset' not found in " + empty)
        .hasMessageContaining("apt-get install ipset");
  }

  @Test
  void aWholeFamilyIsRefusedBeforeAnyTool() throws IOException {
    IptablesBackend backend = backend(Map.of());
    backend.prepare();
    runner.clear();
    assertThatThrownBy(() -> backend.apply(new Diff(set("0.0.0.0/0"), AddressSet.empty())))
        .isInstanceOf(FirewallException.class)
        .hasMessage("iptables apply: refusing 0.0.0.0/0, which would ban every address of its"
            + " family; nothing was changed");
    assertThatThrownBy(() -> backend.replace(set("::/0"))).isInstanceOf(FirewallException.class);
    assertThat(runner.commands()).isEmpty();
  }

  @Test
  void applyWithoutTheSetsSaysToPrepare() {
    IptablesBackend backend = backend(Map.of());
    assertThatThrownBy(() -> backend.apply(new Diff(set("192.0.2.1"), AddressSet.empty())))
        .isInstanceOf(FirewallException.class)
        .hasMessage("iptables apply: set apiban4 does not exist; prepare() creates it (a sync"
            + " does so before it applies anything)");
  }

  @Test
  void aFailingToolIsQuotedWithItsStatus() throws IOException {
    IptablesBackend backend = backend(Map.of());
    RecordingCommandRunner failing = RecordingCommandRunner.answering(c ->
        c.program().equals("ipset") && c.arguments().get(0).equals("list")
            ? CommandResult.of(c, 2, "", "ipset v7.17: Kernel support protocol versions 6-7"
                + " while userspace supports protocol versions 6-7\n")
            : tools.run(c));
    IptablesBackend broken = IptablesBackend.create(failing, backend.settings());
    assertThatThrownBy(broken::prepare)
        .isExactlyInstanceOf(FirewallException.class)
        .hasMessage("iptables prepare: listing the ipset sets failed: ipset list -t exited with"
            + " status 2: ipset v7.17: Kernel support protocol versions 6-7 while userspace"
            + " supports protocol versions 6-7");
  }

  @Test
  void rulesInTheOtherVariantAreReported() throws IOException {
    IptablesBackend backend = backend(Map.of());
    assertThat(backend.otherVariantWarning()).isEmpty();
    tools.legacyRuleset = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j DROP\nCOMMIT\n";
    assertThat(backend.otherVariantWarning()).hasValueSatisfying(w -> assertThat(w).startsWith(
        "iptables-legacy also holds rules (iptables table filter: 1 rule), besides the"
            + " iptables-nft ruleset"));
    tools.legacyRuleset = "garbage\n";
    assertThat(backend.otherVariantWarning()).as("a check that fails warns of nothing").isEmpty();
  }

  @Test
  void aClosedBackendRefusesWork() {
    IptablesBackend backend = backend(Map.of());
    backend.close();
    backend.close();
    assertThatThrownBy(backend::current).isInstanceOf(IllegalStateException.class);
  }
}
