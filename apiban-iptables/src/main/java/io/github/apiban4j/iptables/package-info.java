/**
 * The {@code iptables} firewall backend. This release provides {@link
 * io.github.apiban4j.iptables.IptablesBackendProvider} with a real availability probe; the backend
 * itself is not implemented yet.
 */
package io.github.apiban4j.iptables;
