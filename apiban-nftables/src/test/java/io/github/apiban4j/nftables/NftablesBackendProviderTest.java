package io.github.apiban4j.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.FirewallBackends;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendUnavailableException;
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
    assertThat(a.available()).as("create() cannot work yet").isFalse();
    assertThat(a.reason()).matches("nft \\d+\\.\\d+\\.\\d+ \\(/\\S+/nft\\), CAP_NET_ADMIN held,"
        + " but this release of apiban4j does not implement the nftables backend yet");
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
        + " --version did not print an nftables version: 'hello'");
  }

  @Test
  void probeQuotesAFailingNft(@TempDir Path dir) throws IOException {
    fakeNft(dir, "echo 'nft: broken' >&2; exit 3");
    Availability a = new NftablesBackendProvider(
        new ProcessCommandRunner().withSearchPath(List.of(dir))).probe();
    assertThat(a.available()).isFalse();
    assertThat(a.reason()).startsWith(dir.resolve("nft")
        + " --version failed with status 3: nft: broken");
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
  void createRejectsAMalformedNamespace() {
    BackendConfig config = BackendConfig.of(Map.of("namespace", "../etc"));
    assertThatThrownBy(() -> provider.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a network namespace");
  }

  @Test
  void createSaysTheBackendIsNotImplemented() {
    BackendConfig config = BackendConfig.of(Map.of("table", "apiban", "set4", "a4", "set6", "a6",
        "hook", "input", "timeout", "30s", "namespace", "apiban-it-x"));
    assertThatThrownBy(() -> provider.create(config))
        .isInstanceOfSatisfying(BackendUnavailableException.class, e -> {
          assertThat(e.backend()).isEqualTo("nftables");
          assertThat(e.getMessage()).isEqualTo("nftables unavailable: this release of apiban4j"
              + " does not implement the nftables backend yet; only its availability probe"
              + " exists so far");
        });
  }

  /** An executable {@code nft} in {@code dir} that runs {@code body} (test-only shell script). */
  private static void fakeNft(Path dir, String body) throws IOException {
    Path nft = dir.resolve("nft");
    Files.writeString(nft, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(nft, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
