package io.github.apiban4j.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.FirewallBackends;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import io.github.apiban4j.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IptablesBackendProviderTest {
  private final IptablesBackendProvider provider = new IptablesBackendProvider();

  @Test
  void isFoundByServiceLoader() {
    List<FirewallBackendProvider> found = ServiceLoader.load(FirewallBackendProvider.class)
        .stream().map(ServiceLoader.Provider::get).filter(p -> p.name().equals("iptables"))
        .toList();
    assertThat(found).singleElement().isInstanceOf(IptablesBackendProvider.class);
    assertThat(FirewallBackends.candidates()).anyMatch(c -> c.name().equals("iptables"));
  }

  @Test
  void nameAndPriority() {
    assertThat(provider.name()).isEqualTo("iptables");
    assertThat(provider.priority()).isEqualTo(10);
  }

  @Test
  void probeAlwaysGivesAReason() {
    assertThat(provider.probe().reason()).isNotBlank();
  }

  @Test
  void probeFindsTheToolsAndTheVariantOnThisMachine() {
    TestEnvironment.requireRoot("hold CAP_NET_ADMIN");
    for (String program : IptablesBackendProvider.PROGRAMS) {
      TestEnvironment.requireCommand(program, program.equals("ipset") ? "ipset" : "iptables");
    }
    Availability a = provider.probe();
    assertThat(a.available()).isTrue();
    assertThat(a.reason()).matches("iptables \\d+(\\.\\d+)+ \\((nf_tables|legacy)\\) with"
        + " its save and restore tools for IPv4 and IPv6, and ipset, CAP_NET_ADMIN held");
  }

  @Test
  void probeListsEveryMissingToolAndItsPackage(@TempDir Path dir) throws IOException {
    fake(dir, "iptables-restore", "exit 0");
    Availability a = new IptablesBackendProvider(
        new ProcessCommandRunner().withSearchPath(List.of(dir))).probe();
    assertThat(a.available()).isFalse();
    assertThat(a.reason()).startsWith("iptables, iptables-save, ip6tables-save, ip6tables-restore,"
        + " ipset not found in " + dir + "; install: apt-get install ipset iptables");
  }

  @Test
  void probeReportsTheLegacyVariant(@TempDir Path dir) throws IOException {
    for (String program : IptablesBackendProvider.PROGRAMS) {
      fake(dir, program, "echo '" + program + " v1.8.9 (legacy)'");
    }
    Availability a = new IptablesBackendProvider(
        new ProcessCommandRunner().withSearchPath(List.of(dir))).probe();
    assertThat(a.reason()).startsWith("iptables 1.8.9 (legacy) with its save and restore tools");
  }

  @Test
  void probeQuotesAnIptablesThatGivesNoVersion(@TempDir Path dir) throws IOException {
    for (String program : IptablesBackendProvider.PROGRAMS) {
      fake(dir, program, "echo 'iptables: broken' >&2; exit 2");
    }
    Availability a = new IptablesBackendProvider(
        new ProcessCommandRunner().withSearchPath(List.of(dir))).probe();
    assertThat(a.available()).isFalse();
    assertThat(a.reason()).startsWith("iptables --version answered with status 2 and"
        + " 'iptables: broken', not a version");
  }

  @Test
  void createRejectsUnknownOptions() {
    BackendConfig config = BackendConfig.of(Map.of("chian", "APIBAN"));
    assertThatThrownBy(() -> provider.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[chian]")
        .hasMessageContaining("iptables");
  }

  @Test
  void createRejectsAMalformedNamespace() {
    BackendConfig config = BackendConfig.of(Map.of("namespace", "a b"));
    assertThatThrownBy(() -> provider.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a network namespace");
  }

  @Test
  void createReadsEveryOptionAndStartsNoProcess() throws Exception {
    BackendConfig config = BackendConfig.of(Map.of("set4", "a4", "set6", "a6", "chain", "BANS",
        "hook", "input", "capacity", "131072", "timeout", "30s", "namespace", "/run/netns/x",
        "mode", "rules"));
    try (FirewallBackend backend = provider.create(config)) {
      assertThat(backend.name()).isEqualTo("iptables");
      assertThat(backend).hasToString("IptablesBackend[IptablesSettings[mode=RULES, set4=a4,"
          + " set6=a6, chain=BANS, hook=INPUT, capacity=131072, timeout=PT30S,"
          + " namespace=Optional[/run/netns/x]]]");
    }
  }

  @Test
  void createRejectsAnInvalidValueNamingTheOption() {
    BackendConfig config = BackendConfig.of(Map.of("capacity", "lots"));
    assertThatThrownBy(() -> provider.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backend option capacity must be a positive integer, not 'lots'");
  }

  /** An executable {@code name} in {@code dir} that runs {@code body} (test-only shell script). */
  private static void fake(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
