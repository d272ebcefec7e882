package io.github.apiban4j.bench;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.io.IOException;

/**
 * Bare {@code iptables-restore --noflush} (and {@code ip6tables-restore}): one {@code -A} or
 * {@code -D} line per address, {@code -s ADDRESS/32 -j DROP} as the backend's mode rules writes
 * them, into chain {@code BARE} of the raw table, where the backend's chain is too.
 */
final class IptablesRestoreSide implements Side {
  private static final String CHAIN = "BARE";

  IptablesRestoreSide() throws IOException {
    Tools.run("iptables", "-t", "raw", "-N", CHAIN);
    Tools.run("ip6tables", "-t", "raw", "-N", CHAIN);
  }

  @Override
  public Step add(AddressSet entries) {
    return restore("-A", entries);
  }

  @Override
  public Step delete(AddressSet entries) {
    return restore("-D", entries);
  }

  private static Step restore(String verb, AddressSet entries) {
    Step v4 = entries.ipv4().isEmpty() ? null
        : Tools.feeding(script(verb, entries.ipv4()), "iptables-restore", "--noflush");
    Step v6 = entries.ipv6().isEmpty() ? null
        : Tools.feeding(script(verb, entries.ipv6()), "ip6tables-restore", "--noflush");
    return () -> {
      if (v4 != null) {
        v4.run();
      }
      if (v6 != null) {
        v6.run();
      }
    };
  }

  private static StringBuilder script(String verb, AddressSet entries) {
    StringBuilder lines = new StringBuilder(entries.size() * 40).append("*raw\n");
    for (IpPrefix p : entries) {
      lines.append(verb).append(' ').append(CHAIN).append(" -s ").append(p);
      if (p.isSingleAddress()) {
        lines.append('/').append(p.length());
      }
      lines.append(" -j DROP\n");
    }
    return lines.append("COMMIT\n");
  }

  @Override
  public void clear() throws IOException {
    Tools.run("iptables", "-t", "raw", "-F", CHAIN);
    Tools.run("ip6tables", "-t", "raw", "-F", CHAIN);
  }
}
