package io.github.apiban4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.spi.FirewallPermissionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirewallErrorsTest {
  private static final Command IPSET = Command.of("ipset", "restore", "-exist");

  @Test
  void aMissingToolMakesTheBackendUnavailableAndNamesThePackage(@TempDir Path dir) {
    IOException missing = null;
    try {
      new ProcessCommandRunner().withSearchPath(List.of(dir)).run(IPSET);
    } catch (IOException e) {
      missing = e;
    }
    FirewallException f = FirewallErrors.translate("iptables", "apply", missing);
    assertThat(f).isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("apt-get install ipset").hasCause(missing);
  }

  @Test
  void aRefusalForWantOfPrivilegeNamesTheCapability() {
    CommandFailedException e = fail(1, "ipset v7.17: Kernel error received: Operation not"
        + " permitted\n");
    FirewallException f = FirewallErrors.translate("iptables", "prepare", e);
    assertThat(f).isInstanceOf(FirewallPermissionException.class);
    assertThat(f.getMessage()).isEqualTo("iptables prepare: creating sets failed: ipset restore"
        + " -exist exited with status 1: ipset v7.17: Kernel error received: Operation not"
        + " permitted; needs CAP_NET_ADMIN: run as root, or grant the capability (systemd:"
        + " AmbientCapabilities=CAP_NET_ADMIN)");
  }

  @Test
  void anyOtherFailureKeepsStatusAndWords() {
    CommandFailedException e = fail(1, "ipset v7.17: Error in line 4: Hash is full\n");
    FirewallException f = FirewallErrors.translate("iptables", "apply", e);
    assertThat(f).isExactlyInstanceOf(FirewallException.class).hasCause(e);
    assertThat(f.operation()).isEqualTo("apply");
    assertThat(f.getMessage()).contains("status 1", "Hash is full");
  }

  @Test
  void aMissingNamespaceSaysHowToCreateIt() {
    Command inMissing = Command.of("nft", "--version").inNamespace("apiban-it-gone");
    CommandResult r = CommandResult.of(inMissing, 255, "", "Cannot open network namespace"
        + " \"apiban-it-gone\": No such file or directory\n");
    FirewallException f = FirewallErrors.translate("nftables", "current", r, "asking nft for its"
        + " version");
    assertThat(f).isExactlyInstanceOf(FirewallException.class)
        .hasCauseInstanceOf(CommandFailedException.class);
    assertThat(f.getMessage()).isEqualTo("nftables current: asking nft for its version failed: ip"
        + " netns exec apiban-it-gone nft --version exited with status 255: Cannot open network"
        + " namespace \"apiban-it-gone\": No such file or directory; the network namespace does not"
        + " exist: create it (ip netns add NAME) or fix backend option namespace");
  }

  @Test
  void aFailedResultIsTranslatedAsItsExceptionWouldBe() {
    CommandResult r = CommandResult.of(IPSET, 1, "", "Operation not permitted\n");
    FirewallException f = FirewallErrors.translate("iptables", "apply", r, "adding");
    assertThat(f).isInstanceOf(FirewallPermissionException.class)
        .hasMessage(FirewallErrors.translate("iptables", "apply", fail(1,
            "Operation not permitted\n")).getMessage().replace("creating sets", "adding"));
    assertThatThrownBy(() -> FirewallErrors.translate("iptables", "apply",
        CommandResult.of(IPSET, 0, "", ""), "adding"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFirewallExceptionPassesThrough() {
    FirewallException f = new FirewallException("iptables", "apply", "x");
    assertThat(FirewallErrors.translate("other", "prepare", f)).isSameAs(f);
  }

  private static CommandFailedException fail(int status, String stderr) {
    try {
      CommandResult.of(IPSET, status, "", stderr).requireSuccess("creating sets");
    } catch (CommandFailedException e) {
      return e;
    }
    throw new AssertionError("requireSuccess did not throw");
  }
}
