package io.github.apiban4j.internal.xtables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandFailedException;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.RecordingCommandRunner;
import io.github.apiban4j.testkit.TestEnvironment;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hook against the real kernel, in a namespace of its own, with both iptables variants: the
 * system's tools as they are (iptables-nft here), and the same commands sent to iptables-legacy.
 */
class XtablesHookIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  enum Variant {
    SYSTEM, LEGACY;

    /** Runs each command with the variant's tools: iptables-save becomes iptables-legacy-save. */
    CommandRunner runner() {
      CommandRunner system = CommandRunner.system();
      if (this == SYSTEM) {
        return system;
      }
      return c -> system.run(rename(c));
    }

    String tool(String program) {
      // Only the system's own names: iptables-nft-save stays what it is.
      return this == SYSTEM ? program
          : program.replaceFirst("^(ip6?tables)(-save|-restore)?$", "$1-legacy$2");
    }

    private Command rename(Command c) {
      Command renamed = Command.of(tool(c.program()), c.arguments()).withStdin(c.stdin())
          .withTimeout(c.timeout());
      return c.namespace().map(renamed::inNamespace).orElse(renamed);
    }
  }

  private NetworkNamespace ns;

  @BeforeEach
  void namespaceWithSets() throws IOException {
    TestEnvironment.requireRoot("change a namespace's firewall");
    for (String tool : List.of("ipset", "iptables-legacy-save", "iptables-save")) {
      TestEnvironment.requireCommand(tool, tool.equals("ipset") ? "ipset" : "iptables");
    }
    ns = NetworkNamespace.create();
    sh("ipset", "create", "apiban4", "hash:net", "family", "inet");
    sh("ipset", "create", "apiban6", "hash:net", "family", "inet6");
  }

  @AfterEach
  void deleteNamespace() throws IOException {
    if (ns != null) {
      ns.close();
    }
  }

  private XtablesHook hook(Variant v, HookPoint point) {
    return XtablesHook.forSets(v.runner(), Optional.of(ns.name()), point, "APIBAN", "apiban4",
        "apiban6", TIMEOUT);
  }

  private String sh(String... argv) throws IOException {
    return ns.exec(argv).requireSuccess(String.join(" ", argv)).stdout();
  }

  /** What iptables-save itself prints for the table, without its comment lines. */
  private String saved(Variant v, XtablesFamily family, String table) throws IOException {
    return sh(v.tool(family.saveProgram()), "-t", table).lines()
        .filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void installsOnceKeepsOtherRulesAndUninstallsCleanly(Variant v) throws IOException {
    sh(v.tool("iptables"), "-t", "raw", "-A", "PREROUTING", "-s", "198.51.100.9", "-j", "ACCEPT");
    sh(v.tool("ip6tables"), "-t", "raw", "-N", "MINE");
    XtablesHook hook = hook(v, HookPoint.PREROUTING);
    assertThat(hook.installed()).isFalse();

    assertThat(hook.install()).isTrue();
    assertThat(hook.installed()).isTrue();
    assertThat(saved(v, XtablesFamily.IPV4, "raw")).isEqualTo("""
        *raw
        :PREROUTING ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :APIBAN - [0:0]
        -A PREROUTING -j APIBAN
        -A PREROUTING -s 198.51.100.9/32 -j ACCEPT
        -A APIBAN -m set --match-set apiban4 src -j DROP
        COMMIT""");
    assertThat(saved(v, XtablesFamily.IPV6, "raw")).contains(":MINE - [0:0]",
        "-A PREROUTING -j APIBAN", "-A APIBAN -m set --match-set apiban6 src -j DROP");

    String before = saved(v, XtablesFamily.IPV4, "raw") + saved(v, XtablesFamily.IPV6, "raw");
    assertThat(hook.install()).isFalse();
    assertThat(saved(v, XtablesFamily.IPV4, "raw") + saved(v, XtablesFamily.IPV6, "raw"))
        .isEqualTo(before);

    hook.uninstall();
    assertThat(hook.installed()).isFalse();
    assertThat(saved(v, XtablesFamily.IPV4, "raw")).isEqualTo("""
        *raw
        :PREROUTING ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        -A PREROUTING -s 198.51.100.9/32 -j ACCEPT
        COMMIT""");
    assertThat(saved(v, XtablesFamily.IPV6, "raw")).contains(":MINE - [0:0]")
        .doesNotContain("APIBAN");
    hook.uninstall(); // nothing left to remove
    sh("ipset", "destroy", "apiban4");
    sh("ipset", "destroy", "apiban6");
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void repairsAJumpRemovedAChainFlushedAndAChainDeleted(Variant v) throws IOException {
    XtablesHook hook = hook(v, HookPoint.PREROUTING);
    hook.install();
    String installed = saved(v, XtablesFamily.IPV4, "raw") + saved(v, XtablesFamily.IPV6, "raw");

    sh(v.tool("iptables"), "-t", "raw", "-D", "PREROUTING", "-j", "APIBAN");
    assertThat(hook.installed()).isFalse();
    assertThat(hook.install()).isTrue();

    sh(v.tool("ip6tables"), "-t", "raw", "-F", "APIBAN");
    assertThat(hook.installed()).isFalse();
    assertThat(hook.install()).isTrue();

    sh(v.tool("iptables"), "-t", "raw", "-D", "PREROUTING", "-j", "APIBAN");
    sh(v.tool("iptables"), "-t", "raw", "-F", "APIBAN");
    sh(v.tool("iptables"), "-t", "raw", "-X", "APIBAN");
    assertThat(hook.installed()).isFalse();
    assertThat(hook.install()).isTrue();

    assertThat(saved(v, XtablesFamily.IPV4, "raw") + saved(v, XtablesFamily.IPV6, "raw"))
        .isEqualTo(installed);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aReferencedSetCannotBeDestroyedUntilUninstall(Variant v) throws IOException {
    XtablesHook hook = hook(v, HookPoint.INPUT);
    hook.install();
    assertThat(saved(v, XtablesFamily.IPV4, "filter"))
        .contains("-A INPUT -j APIBAN", "-A APIBAN -m set --match-set apiban4 src -j DROP");
    assertThatThrownBy(() -> sh("ipset", "destroy", "apiban4"))
        .isInstanceOf(CommandFailedException.class).hasMessageContaining("in use");
    hook.uninstall();
    sh("ipset", "destroy", "apiban4");
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void dockerUserIsUsedOrCreated(Variant v) throws IOException {
    sh(v.tool("iptables"), "-t", "filter", "-N", "DOCKER-USER");
    sh(v.tool("iptables"), "-t", "filter", "-A", "DOCKER-USER", "-j", "RETURN");
    XtablesHook hook = hook(v, HookPoint.DOCKER_USER);
    assertThat(hook.install()).isTrue();
    assertThat(saved(v, XtablesFamily.IPV4, "filter"))
        .contains("-A DOCKER-USER -j APIBAN\n-A DOCKER-USER -j RETURN");
    assertThat(saved(v, XtablesFamily.IPV6, "filter")).contains(":DOCKER-USER - [0:0]",
        "-A DOCKER-USER -j APIBAN");
    hook.uninstall();
    assertThat(saved(v, XtablesFamily.IPV4, "filter")).contains("-A DOCKER-USER -j RETURN")
        .doesNotContain("APIBAN");
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void countersCountADroppedDatagram(Variant v) throws IOException {
    TestEnvironment.requireCommand("bash", "bash");
    XtablesHook hook = hook(v, HookPoint.PREROUTING);
    hook.install();
    sh("ip", "addr", "add", "203.0.113.7/32", "dev", "lo");
    sh("ipset", "add", "apiban4", "203.0.113.7");
    assertThat(hook.counters()).extracting(SavedRule::packets).containsExactly(0L, 0L);

    // Test-only shell: bash's /dev/udp sends one datagram from 203.0.113.7 to itself over lo,
    // which raw PREROUTING sees on the way in.
    sh("bash", "-c", "echo OPTIONS > /dev/udp/203.0.113.7/5060");
    List<SavedRule> counted = hook.counters();
    assertThat(counted).hasSize(2);
    assertThat(counted.get(0).family()).isEqualTo(XtablesFamily.IPV4);
    assertThat(counted.get(0).spec()).isEqualTo("-m set --match-set apiban4 src -j DROP");
    assertThat(counted.get(0).packets()).isEqualTo(1);
    assertThat(counted.get(0).bytes()).isPositive();
    assertThat(counted.get(1).packets()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void rulesInTheOtherVariantAreReported(Variant v) throws IOException {
    TestEnvironment.requireCommand("iptables-nft", "iptables");
    RecordingCommandRunner recording = RecordingCommandRunner.wrapping(v.runner());
    XtablesHook hook = XtablesHook.forSets(recording, Optional.of(ns.name()),
        HookPoint.PREROUTING, "APIBAN", "apiban4", "apiban6", TIMEOUT);
    hook.install();
    assertThat(hook.otherVariantWarning()).isEmpty();

    boolean systemIsNft = XtablesVariants.systemVariant(v.runner(), TIMEOUT).nfTables();
    String other = systemIsNft ? "iptables-legacy" : "iptables-nft";
    sh(other, "-t", "filter", "-A", "INPUT", "-s", "192.0.2.9", "-j", "DROP");
    assertThat(hook.otherVariantWarning()).hasValueSatisfying(w -> assertThat(w)
        .startsWith(other + " also holds rules (iptables table filter: 1 rule), besides the"));
  }
}
