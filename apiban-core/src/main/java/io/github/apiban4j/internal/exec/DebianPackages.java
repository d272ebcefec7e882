package io.github.apiban4j.internal.exec;

import java.util.Map;
import java.util.Optional;

/** Which Debian package installs the programs the backends run, for "not found" messages. */
final class DebianPackages {
  private static final Map<String, String> PACKAGES = Map.ofEntries(
      Map.entry("iptables", "iptables"),
      Map.entry("iptables-restore", "iptables"),
      Map.entry("iptables-save", "iptables"),
      Map.entry("ip6tables", "iptables"),
      Map.entry("ip6tables-restore", "iptables"),
      Map.entry("ip6tables-save", "iptables"),
      Map.entry("iptables-legacy", "iptables"),
      Map.entry("iptables-legacy-restore", "iptables"),
      Map.entry("iptables-nft", "iptables"),
      Map.entry("iptables-nft-restore", "iptables"),
      Map.entry("nft", "nftables"),
      Map.entry("ipset", "ipset"),
      Map.entry("ip", "iproute2"),
      Map.entry("nsenter", "util-linux"));

  private DebianPackages() {}

  /** The package that provides {@code program}, if it is one the backends use. */
  static Optional<String> providing(String program) {
    return Optional.ofNullable(PACKAGES.get(program));
  }
}
