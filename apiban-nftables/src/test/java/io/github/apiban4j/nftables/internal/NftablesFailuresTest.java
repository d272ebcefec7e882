package io.github.apiban4j.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.spi.FirewallPermissionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing, outdated, hanging or refused {@code nft}: each is a typed error that says what to do.
 * The {@code nft} here is a test-only script in a temporary directory; no kernel is touched.
 */
class NftablesFailuresTest {
  @TempDir Path dir;

  @Test
  void aMissingNftNamesThePackage() {
    NftablesBackend backend = backendWith(List.of(dir), Duration.ofSeconds(5));
    assertThatThrownBy(backend::current)
        .isInstanceOfSatisfying(BackendUnavailableException.class, e -> {
          assertThat(e.backend()).isEqualTo("nftables");
          assertThat(e.getMessage()).isEqualTo("nftables unavailable: 'nft' not found in " + dir
              + "; install it: apt-get install nftables");
        });
  }

  @Test
  void anOldNftIsRefusedBeforeItTouchesTheKernel() throws IOException {
    fakeNft("case \"$1\" in --version) echo 'nftables v0.9.3 (Topsy)';; *) exit 99;; esac");
    assertThatThrownBy(() -> backendWith(List.of(dir), Duration.ofSeconds(5)).prepare())
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage("nftables unavailable: nft 0.9.3 is too old: the backend needs nftables 0.9.8"
            + " or newer (apt-get install nftables)");
  }

  @Test
  void aRefusalForWantOfPrivilegeNamesTheCapability() throws IOException {
    fakeNft("case \"$1\" in --version) echo 'nftables v1.0.6';; *)"
        + " echo 'Operation not permitted (you must be root)' >&2; exit 1;; esac");
    assertThatThrownBy(() -> backendWith(List.of(dir), Duration.ofSeconds(5)).current())
        .isInstanceOf(FirewallPermissionException.class)
        .hasMessage("nftables current: listing table inet apiban failed: nft -j list table inet"
            + " apiban exited with status 1: Operation not permitted (you must be root); needs"
            + " CAP_NET_ADMIN: run as root, or grant the capability (systemd:"
            + " AmbientCapabilities=CAP_NET_ADMIN)");
  }

  @Test
  void anNftThatHangsIsKilledAtTheTimeLimit() throws IOException {
    fakeNft("case \"$1\" in --version) echo 'nftables v1.0.6';; *) exec /bin/sleep 30;; esac");
    // The limit covers the nft --version that comes first too: long enough for a script to start
    // on a loaded machine, so that it is the listing that hangs.
    assertThatThrownBy(() -> backendWith(List.of(dir), Duration.ofSeconds(2)).current())
        .isInstanceOf(FirewallException.class)
        .hasMessage("nftables current: nft -j list table inet apiban did not finish within 2000 ms"
            + " and was killed; a transaction is all or nothing, and the next sync reads the sets"
            + " back to see which; raise backend option timeout if the sets are very large");
  }

  private NftablesBackend backendWith(List<Path> searchPath, Duration timeout) {
    NftSettings d = NftSettings.defaults();
    return new NftablesBackend(new NftSettings(d.table(), d.set4(), d.set6(), d.hook(),
        d.priority(), timeout, null), new ProcessCommandRunner().withSearchPath(searchPath));
  }

  private void fakeNft(String body) throws IOException {
    Path nft = dir.resolve("nft");
    Files.writeString(nft, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(nft, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
