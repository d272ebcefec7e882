package io.github.apiban4j.bench;

/**
 * The CLI's {@code sync} of the fake feed into one backend, from an empty namespace and state,
 * then once more with nothing new.
 *
 * @param backend {@code ipset-netlink}, {@code nftables}, {@code iptables-set} or
 *     {@code iptables-rules}
 * @param entries how many addresses the feed holds
 * @param firstWallMs each first sync's wall time, the JVM's start included
 * @param firstRssMb each first sync's peak resident memory
 * @param secondWallMs each second sync's wall time
 * @param secondRssMb each second sync's peak resident memory
 * @param secondRunUnchanged whether every second run left the kernel's listings as they were and
 *     caused no nf_tables event
 * @param nftEvents nf_tables events seen during the second runs ({@code nft monitor}), all runs
 */
record CliResult(String backend, int entries, double[] firstWallMs, double[] firstRssMb,
    double[] secondWallMs, double[] secondRssMb, boolean secondRunUnchanged, int nftEvents) {}
