/**
 * apiban4j core: the APIBAN client, the address model and diff, the sync engine, the firewall backend
 * SPI and the in-memory backend.
 */
module io.github.apiban4j {
  requires transitive okhttp3;
  requires com.squareup.moshi;
  requires okio;

  exports io.github.apiban4j;
  exports io.github.apiban4j.address;
  exports io.github.apiban4j.client;
  exports io.github.apiban4j.spi;
  exports io.github.apiban4j.memory;

  // Shared with the process-driving backends only; not API.
  exports io.github.apiban4j.internal to
      io.github.apiban4j.iptables,
      io.github.apiban4j.nftables,
      io.github.apiban4j.ipset.netlink;
  exports io.github.apiban4j.internal.exec to
      io.github.apiban4j.iptables,
      io.github.apiban4j.nftables,
      io.github.apiban4j.ipset.netlink;
  exports io.github.apiban4j.internal.xtables to
      io.github.apiban4j.iptables,
      io.github.apiban4j.ipset.netlink;

  uses io.github.apiban4j.spi.FirewallBackendProvider;

  provides io.github.apiban4j.spi.FirewallBackendProvider with
      io.github.apiban4j.memory.InMemoryBackendProvider;
}
