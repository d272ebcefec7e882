/**
 * The {@code nftables} firewall backend. This release provides {@link
 * io.github.apiban4j.nftables.NftablesBackendProvider} with a real availability probe; the backend
 * itself is not implemented yet.
 */
package io.github.apiban4j.nftables;
