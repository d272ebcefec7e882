/**
 * The {@code nftables} firewall backend: {@link io.github.apiban4j.nftables.NftablesBackendProvider}
 * keeps the blocklist in nftables sets of a table of its own ({@code inet apiban} by default),
 * dropped by a base chain on {@code prerouting} at raw priority, and applies every change as one
 * {@code nft -j -f -} transaction. See the provider for its options and what it creates; {@code nft
 * list table inet apiban} shows the bans and the drop counters.
 */
package io.github.apiban4j.nftables;
