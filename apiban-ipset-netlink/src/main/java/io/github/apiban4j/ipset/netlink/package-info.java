/**
 * The {@code ipset-netlink} firewall backend. This release provides {@link
 * io.github.apiban4j.ipset.netlink.IpsetNetlinkBackendProvider} with a real availability probe;
 * the backend itself is not implemented yet.
 */
package io.github.apiban4j.ipset.netlink;
