package io.github.apiban4j.iptables;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.iptables.internal.IptablesBackend;
import io.github.apiban4j.iptables.internal.IptablesSettings;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.RecordingCommandRunner;
import io.github.apiban4j.testkit.TestEnvironment;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A namespace of its own, the backend in it, and the tools' own view of what it holds. */
final class KernelFixture implements AutoCloseable {
  private static final Pattern RULE = Pattern.compile("-A (\\S+) -s (\\S+) -j DROP");

  final NetworkNamespace ns;
  final RecordingCommandRunner runner = RecordingCommandRunner.wrapping(CommandRunner.system());

  private KernelFixture(NetworkNamespace ns) {
    this.ns = ns;
  }

  static KernelFixture create() throws IOException {
    TestEnvironment.requireRoot("change a namespace's firewall");
    for (String tool : List.of("iptables", "iptables-save", "iptables-restore", "ip6tables-save",
        "ip6tables-restore")) {
      TestEnvironment.requireCommand(tool, "iptables");
    }
    TestEnvironment.requireCommand("ipset", "ipset");
    return new KernelFixture(NetworkNamespace.create());
  }

  /** The backend with {@code options}, in this namespace, running its tools through the recorder. */
  IptablesBackend backend(Map<String, String> options) {
    Map<String, String> all = new HashMap<>(options);
    all.put(BackendConfig.NAMESPACE, ns.name());
    return IptablesBackend.create(runner, IptablesSettings.from("iptables", BackendConfig.of(all)));
  }

  /** Runs {@code argv} in the namespace; it must succeed. */
  String sh(String... argv) throws IOException {
    return ns.exec(argv).requireSuccess(String.join(" ", argv)).stdout();
  }

  /** The members {@code ipset list SET} shows (its human format); empty if there is no such set. */
  AddressSet ipsetMembers(String... sets) throws IOException {
    AddressSet.Builder b = AddressSet.builder();
    for (String set : sets) {
      var r = ns.exec("ipset", "list", set);
      if (!r.succeeded()) {
        continue;
      }
      String out = r.stdout();
      String members = out.substring(out.indexOf("Members:\n") + "Members:\n".length());
      members.lines().filter(l -> !l.isBlank()).forEach(l -> b.add(IpPrefix.parse(l)));
    }
    return b.build();
  }

  /** The {@code -s X -j DROP} rules {@code iptables -S CHAIN} shows in both families. */
  AddressSet chainRules(String table, String chain) throws IOException {
    AddressSet.Builder b = AddressSet.builder();
    for (String tool : List.of("iptables", "ip6tables")) {
      var r = ns.exec(tool, "-t", table, "-S", chain);
      if (!r.succeeded()) {
        continue;
      }
      for (String line : r.stdout().split("\n")) {
        Matcher m = RULE.matcher(line);
        if (m.matches() && m.group(1).equals(chain)) {
          b.add(IpPrefix.parse(m.group(2)));
        }
      }
    }
    return b.build();
  }

  /** The program and arguments of the commands recorded, without the namespace wrapper. */
  List<String> commandsRun() {
    return runner.commands().stream()
        .map(c -> c.program() + " " + String.join(" ", c.arguments())).toList();
  }

  @Override
  public void close() throws IOException {
    ns.close();
  }
}
