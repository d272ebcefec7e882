package io.github.apiban4j.bench;

import java.io.IOException;
import java.util.Map;

/** Each backend, as configured for the comparison, and the bare tool it is compared with. */
enum Pair {
  IPSET_NETLINK("ipset-netlink", "ipset restore", "ipset-netlink", Map.of()),
  NFTABLES("nftables", "nft -f", "nftables", Map.of()),
  IPTABLES_SET("iptables-set", "ipset restore", "iptables", Map.of("mode", "set")),
  IPTABLES_RULES("iptables-rules", "iptables-restore", "iptables", Map.of("mode", "rules"));

  final String contender;
  final String baseline;
  final String backend;
  final Map<String, String> options;

  Pair(String contender, String baseline, String backend, Map<String, String> options) {
    this.contender = contender;
    this.baseline = baseline;
    this.backend = backend;
    this.options = options;
  }

  /** The contender: the backend with default options but the mode, prepared. */
  BackendSide openContender() throws IOException {
    return BackendSide.open(backend, options);
  }

  /** The bare tool, its kernel objects created next to the backend's. */
  Side openBaseline() throws IOException {
    return switch (this) {
      case IPSET_NETLINK, IPTABLES_SET -> new IpsetRestoreSide("apiban4", "apiban6");
      case NFTABLES -> new NftFileSide();
      case IPTABLES_RULES -> new IptablesRestoreSide();
    };
  }

  /** The pair whose contender is called {@code name}. */
  static Pair named(String name) {
    for (Pair p : values()) {
      if (p.contender.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no contender '" + name + "'");
  }
}
