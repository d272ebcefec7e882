package io.github.apiban4j.nftables.internal;

/**
 * What one drop rule has matched: the packets and bytes it dropped since the rule was created.
 *
 * @param set the set the rule matches, {@code apiban4} say
 * @param ipv6 whether the set holds IPv6 entries
 * @param packets packets dropped
 * @param bytes bytes dropped
 */
public record DropCounter(String set, boolean ipv6, long packets, long bytes) {}
