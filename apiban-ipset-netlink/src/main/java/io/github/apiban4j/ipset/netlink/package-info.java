/**
 * The {@code ipset-netlink} firewall backend: {@link
 * io.github.apiban4j.ipset.netlink.IpsetNetlinkBackendProvider}.
 */
package io.github.apiban4j.ipset.netlink;
