/**
 * apiban4j's ipset-netlink backend, which will speak the ipset netlink protocol directly: no
 * process on the update path. This release holds its provider and availability probe only.
 */
module io.github.apiban4j.ipset.netlink {
  requires io.github.apiban4j;

  exports io.github.apiban4j.ipset.netlink;

  provides io.github.apiban4j.spi.FirewallBackendProvider with
      io.github.apiban4j.ipset.netlink.IpsetNetlinkBackendProvider;
}
