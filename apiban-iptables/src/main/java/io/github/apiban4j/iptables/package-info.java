/**
 * The {@code iptables} firewall backend, created through {@link
 * io.github.apiban4j.iptables.IptablesBackendProvider}: ipset sets and one {@code -m set} rule per
 * family (mode {@code set}), or one rule per entry (mode {@code rules}), changed in batches of one
 * process each ({@code ipset restore}, {@code iptables-restore --noflush}), whatever the number of
 * entries.
 */
package io.github.apiban4j.iptables;
