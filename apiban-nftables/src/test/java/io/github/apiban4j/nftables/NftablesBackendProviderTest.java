package io.github.apiban4j.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.FirewallBackends;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.nftables.internal.NftSettings;
import io.github.apiban4j.nftables.internal.NftablesBackend;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import io.github.apiban4j.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NftablesBackendProviderTest {
  private final NftablesBackendProvider provider = new NftablesBackendProvider();

  @Test
  void isFoundByServiceLoader() {
    List<FirewallBackendProvider> found = ServiceLoader.load(FirewallBackendProvider.class)
        .stream().map(ServiceLoader.Provider::get).filter(p -> p.name().equals("nftables"))
        .toList();
    assertThat(found).singleElement().isInstanceOf(NftablesBackendProvider.class);
    assertThat(FirewallBackends.candidates()).anyMatch(c -> c.name().equals("nftables"));
  }

  @Test
  void nameAndPriority() {
    assertThat(provider.name()).isEqualTo("nftables");
    assertThat(provider.priority()).isEqualTo(20);
  }

  @Test
  void probeAlwaysGivesAReason() {
    assertThat(provider.probe().reason()).isNotBlank();
  }

  @Test
  void probeFindsNftOnThisMachine() {
    TestEnvironment.requireRoot("hold CAP_NET_ADMIN");
    TestEnvironment.requireCommand("nft", "nftables");
    Availability a = provider.probe();
    assertThat(a.available()).isTrue();
    assertThat(a.reason()).matches("nft \\d+\\.\\d+\\.\\d+ \\(/\\S+/nft\\), CAP_NET_ADMIN held");
  }

  @Test
  void probeNamesThePackageWhenNftIsMissing(@TempDir Path empty) {
    Availability a = new NftablesBackendProvider(
        new ProcessCommandRunner().withSearchPath(List.of(empty))).probe();
    assertThat(a.available()).isFalse();
    assertThat(a.reason()).startsWith("'nft' not found in " + empty
        + "; install it: apt-get install nftables");
  }

  @Test
  void probeRejectsAnNftThatPrintsNoVersion(@TempDir Path dir) throws IOException {
    fakeNft(dir, "echo 'hello'");
    Availability a = new NftablesBackendProvider(
        new ProcessCommandRunner().withSearchPath(List.of(dir))).probe();
    assertThat(a.available()).isFalse();
    assertThat(a.reason()).startsWith(dir.resolve("nft")
        + ": nft --version printed no nftables version: 'hello'");
  }

  @Test
  void probeQuotesAFailingNft(@TempDir Path dir) throws IOException {
    fakeNft(dir, "echo 'nft: broken' >&2; exit 3");
    Availability a = new NftablesBackendProvider(
        new ProcessCommandRunner().withSearchPath(List.of(dir))).probe();
    assertThat(a.available()).isFalse();
    assertThat(a.reason()).startsWith(dir.resolve("nft")
        + ": nft --version failed with status 3: nft: broken");
  }

  @Test
  void createRejectsUnknownOptions() {
    BackendConfig config = BackendConfig.of(Map.of("tabel", "apiban", "set4", "a4"));
    assertThatThrownBy(() -> provider.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[tabel]")
        .hasMessageContaining("nftables");
  }

  @Test
  void probeRefusesAnNftOlderThanTheMinimum(@TempDir Path dir) throws IOException {
    fakeNft(dir, "echo 'nftables v0.9.3 (Topsy)'");
    Availability a = new NftablesBackendProvider(
        new ProcessCommandRunner().withSearchPath(List.of(dir))).probe();
    assertThat(a.available()).isFalse();
    assertThat(a.reason()).startsWith(dir.resolve("nft") + ": nft 0.9.3 is too old: the backend"
        + " needs nftables 0.9.8 or newer (apt-get install nftables)");
  }

  @Test
  void createTakesEveryOption() {
    BackendConfig config = BackendConfig.of(Map.of("table", "fw_apiban", "set4", "a4", "set6",
        "a6", "hook", "input", "priority", "filter", "timeout", "30s", "namespace", "apiban-it-x"));
    FirewallBackend backend = provider.create(config);
    assertThat(backend).isInstanceOfSatisfying(NftablesBackend.class, b ->
        assertThat(b.settings()).isEqualTo(new NftSettings("fw_apiban", "a4", "a6", "input", 0,
            Duration.ofSeconds(30), "apiban-it-x")));
    assertThat(backend.name()).isEqualTo("nftables");
  }

  @Test
  void createDefaultsToTableInetApibanOnPreroutingAtRawPriority() {
    assertThat(((NftablesBackend) provider.create(BackendConfig.empty())).settings())
        .isEqualTo(new NftSettings("apiban", "apiban4", "apiban6", "prerouting", -300,
            Duration.ofSeconds(60), null));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "table|ap;iban|backend option table must be a letter",
      "table|''|backend option table must be a letter",
      "set4|4set|backend option set4 must be a letter",
      "set6|a\"b|backend option set6 must be a letter",
      "set6|apiban4x|backend options set4 and set6 must differ",
      "hook|output|backend option hook must be one of [prerouting, input, forward]",
      "priority|rawest|backend option priority must be a whole number or one of",
      "priority|5000|backend option priority must lie in -1000..1000",
      "timeout|soon|backend option timeout: 'soon' is not a duration",
      "timeout|0s|backend option timeout must be positive",
      "namespace|../etc|not a network namespace"})
  void createNamesTheOptionWithABadValue(String key, String value, String message) {
    BackendConfig config = BackendConfig.of(Map.of(key, value));
    assertThatThrownBy(() -> provider.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  /** An executable {@code nft} in {@code dir} that runs {@code body} (test-only shell script). */
  private static void fakeNft(Path dir, String body) throws IOException {
    Path nft = dir.resolve("nft");
    Files.writeString(nft, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(nft, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
