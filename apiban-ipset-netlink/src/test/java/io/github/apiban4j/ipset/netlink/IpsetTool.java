package io.github.apiban4j.ipset.netlink;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.testkit.NetworkNamespace;
import java.io.IOException;
import java.util.List;

/** What the ipset and iptables command-line tools say, in a test's namespace. */
final class IpsetTool {
  private IpsetTool() {}

  /** The members of {@code set} according to {@code ipset save}; empty if it does not exist. */
  static AddressSet members(NetworkNamespace ns, String set) throws IOException {
    CommandResult r = ns.exec("ipset", "save", set);
    if (!r.succeeded()) {
      return AddressSet.empty();
    }
    AddressSet.Builder b = AddressSet.builder();
    String prefix = "add " + set + " ";
    r.stdout().lines().filter(l -> l.startsWith(prefix))
        .forEach(l -> b.add(IpPrefix.parse(l.substring(prefix.length()).strip())));
    return b.build();
  }

  /** The names of every set in the namespace. */
  static List<String> setNames(NetworkNamespace ns) throws IOException {
    return ns.exec("ipset", "list", "-n").requireSuccess("ipset list -n").stdout().lines()
        .filter(l -> !l.isBlank()).toList();
  }

  /** The raw table as {@code tool} ({@code iptables-save} or {@code ip6tables-save}) prints it. */
  static String rawRules(NetworkNamespace ns, String tool) throws IOException {
    return ns.exec(tool, "-t", "raw").requireSuccess(tool).stdout();
  }
}
