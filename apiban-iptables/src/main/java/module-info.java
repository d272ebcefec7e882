/**
 * apiban4j's iptables backend, which will drive {@code ipset restore} and {@code iptables-restore}
 * in batches. This release holds its provider and availability probe only.
 */
module io.github.apiban4j.iptables {
  requires io.github.apiban4j;

  exports io.github.apiban4j.iptables;

  provides io.github.apiban4j.spi.FirewallBackendProvider with
      io.github.apiban4j.iptables.IptablesBackendProvider;
}
