/**
 * apiban4j's nftables backend, which will drive {@code nft -f -} transactions. This release holds
 * its provider and availability probe only.
 */
module io.github.apiban4j.nftables {
  requires io.github.apiban4j;

  exports io.github.apiban4j.nftables;

  provides io.github.apiban4j.spi.FirewallBackendProvider with
      io.github.apiban4j.nftables.NftablesBackendProvider;
}
