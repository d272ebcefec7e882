/**
 * apiban4j's iptables backend: the blocklist in ipset sets filled by {@code ipset restore} and
 * matched by one rule per family, or one rule per entry, installed by {@code iptables-restore}.
 */
module io.github.apiban4j.iptables {
  requires io.github.apiban4j;

  exports io.github.apiban4j.iptables;

  provides io.github.apiban4j.spi.FirewallBackendProvider with
      io.github.apiban4j.iptables.IptablesBackendProvider;
}
