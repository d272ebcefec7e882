package io.github.apiban4j.ipset.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.internal.xtables.HookPoint;
import io.github.apiban4j.internal.xtables.XtablesHook;
import io.github.apiban4j.ipset.netlink.internal.IpsetNetlinkBackend;
import io.github.apiban4j.ipset.netlink.internal.jnr.NetlinkSocket;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.RecordingCommandRunner;
import io.github.apiban4j.testkit.TestAddresses;
import io.github.apiban4j.testkit.TestEnvironment;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The update path starts no process: only prepare() and uninstall() run the iptables tools. */
class IpsetNetlinkNoProcessIT {

  @Test
  void applyCurrentAndReplaceStartNoProcess() throws Exception {
    try (NetworkNamespace ns = NetworkNamespace.create()) {
      TestEnvironment.requireCommand("iptables-restore", "iptables");
      RecordingCommandRunner runner = RecordingCommandRunner.wrapping(CommandRunner.system());
      XtablesHook hook = XtablesHook.forSets(runner, Optional.of(ns.name()), HookPoint.PREROUTING,
          "APIBAN", "apiban4", "apiban6", Duration.ofSeconds(30));
      try (IpsetNetlinkBackend backend = new IpsetNetlinkBackend("apiban4", "apiban6", 0,
          () -> NetlinkSocket.open(Optional.of(ns.path()), Duration.ofSeconds(5)), hook)) {
        backend.prepare();
        assertThat(runner.commands()).isNotEmpty();
        runner.clear();

        AddressSet.Builder b = AddressSet.builder();
        TestAddresses.many(1000).forEach(b::add);
        AddressSet entries = b.build();
        backend.apply(new Diff(entries, AddressSet.empty()));
        assertThat(backend.current()).isEqualTo(entries);
        backend.replace(entries.filter(p -> p.isIpv4()));
        backend.apply(new Diff(AddressSet.empty(), entries));

        assertThat(runner.commands()).isEmpty();
        backend.uninstall();
        assertThat(runner.commands()).isNotEmpty();
      }
    }
  }
}
