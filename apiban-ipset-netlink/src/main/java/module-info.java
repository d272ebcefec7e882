/**
 * apiban4j's ipset-netlink backend: keeps the blocklist in ipset {@code hash:net} sets by speaking
 * the ipset netlink protocol itself, through jnr-ffi, so that no process is started on the update
 * path.
 */
module io.github.apiban4j.ipset.netlink {
  requires io.github.apiban4j;
  requires org.jnrproject.ffi;

  exports io.github.apiban4j.ipset.netlink;
  // jnr-ffi generates the binding of this interface at run time.
  exports io.github.apiban4j.ipset.netlink.internal.jnr to org.jnrproject.ffi;

  provides io.github.apiban4j.spi.FirewallBackendProvider with
      io.github.apiban4j.ipset.netlink.IpsetNetlinkBackendProvider;
}
