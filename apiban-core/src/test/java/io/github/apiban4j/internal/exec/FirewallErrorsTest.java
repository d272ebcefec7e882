package io.github.apiban4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

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
