/**
 * apiban4j's nftables backend: the blocklist in sets of its own {@code inet} table, each change one
 * {@code nft -j -f -} transaction.
 */
module io.github.apiban4j.nftables {
  requires io.github.apiban4j;
  requires com.squareup.moshi;
  requires okio;

  exports io.github.apiban4j.nftables;

  provides io.github.apiban4j.spi.FirewallBackendProvider with
      io.github.apiban4j.nftables.NftablesBackendProvider;
}
