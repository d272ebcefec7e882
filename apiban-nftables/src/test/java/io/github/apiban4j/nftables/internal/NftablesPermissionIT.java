package io.github.apiban4j.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.spi.FirewallPermissionException;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real nft refusing: without CAP_NET_ADMIN, in a missing namespace, before prepare(). */
class NftablesPermissionIT {

  @Test
  void withoutCapNetAdminTheErrorNamesTheCapabilityAndQuotesNft(@TempDir Path dir)
      throws IOException {
    Path realNft = TestEnvironment.requireCommand("nft", "nftables");
    TestEnvironment.requireCommand("setpriv", "util-linux");
    // The real nft, run with CAP_NET_ADMIN dropped from every set (test-only wrapper script).
    Path nft = dir.resolve("nft");
    Files.writeString(nft, "#!/bin/sh\nexec setpriv --inh-caps=-net_admin"
        + " --bounding-set=-net_admin " + realNft + " \"$@\"\n");
    Files.setPosixFilePermissions(nft, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<Path> path = new ArrayList<>(List.of(dir));
    path.addAll(new ProcessCommandRunner().searchPath());
    try (NetworkNamespace ns = NetworkNamespace.create()) {
      NftablesBackend backend = new NftablesBackend(NftSettingsFixture.in(ns.name()),
          new ProcessCommandRunner().withSearchPath(path));
      assertThatThrownBy(backend::prepare)
          .isInstanceOf(FirewallPermissionException.class)
          .hasMessageStartingWith("nftables prepare: listing table inet apiban failed: ip netns"
              + " exec " + ns.name() + " nft -j -t list table inet apiban exited with status 1: ")
          .hasMessageContaining("Operation not permitted")
          .hasMessageEndingWith("; needs CAP_NET_ADMIN: run as root, or grant the capability"
              + " (systemd: AmbientCapabilities=CAP_NET_ADMIN)");
    }
  }

  @Test
  void aMissingNamespaceIsNamed() {
    TestEnvironment.requireRoot("run ip netns exec");
    NftablesBackend backend = new NftablesBackend(
        NftSettingsFixture.in("apiban-it-doesnotexist"), CommandRunner.system());
    assertThatThrownBy(backend::current).isInstanceOf(FirewallException.class)
        .hasMessage("nftables current: asking nft for its version failed: ip netns exec"
            + " apiban-it-doesnotexist nft --version exited with status 255: Cannot open network"
            + " namespace \"apiban-it-doesnotexist\": No such file or directory; the network"
            + " namespace does not exist: create it (ip netns add NAME) or fix backend option"
            + " namespace");
  }

  @Test
  void applyingBeforePrepareQuotesNftAndChangesNothing() throws IOException {
    TestEnvironment.requireCommand("nft", "nftables");
    try (NetworkNamespace ns = NetworkNamespace.create()) {
      NftablesBackend backend = new NftablesBackend(NftSettingsFixture.in(ns.name()),
          CommandRunner.system());
      assertThatThrownBy(() -> backend.apply(new Diff(
          NftablesBackendCommandsTest.set("192.0.2.1"), AddressSet.empty())))
          .isInstanceOf(FirewallException.class)
          .hasMessageContaining("applying 1 additions and 0 removals to table inet apiban failed:")
          .hasMessageContaining("exited with status 1: ")
          .hasMessageContaining("No such file or directory");
      assertThat(backend.current()).isEqualTo(AddressSet.empty());
    }
  }
}
