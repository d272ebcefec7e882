package io.github.apiban4j.bench;

/**
 * One comparison: a contender and a baseline doing the same change to the kernel's blocklist,
 * timed alternately.
 *
 * @param contender {@code ipset-netlink}, {@code nftables}, {@code iptables-set} or
 *     {@code iptables-rules}
 * @param baseline {@code ipset restore}, {@code nft -f}, {@code iptables-restore} or
 *     {@code iptables per address}
 * @param op {@code add}, {@code delete} or {@code page} (the addition of one 250-entry page to a
 *     set that holds 100,000)
 * @param size the number of addresses changed
 * @param family {@code ipv4} or {@code ipv6}
 * @param contenderMs the contender's timings, in the order taken
 * @param baselineMs the baseline's timings; for one process per address, the one extrapolated
 *     figure
 * @param baselineTimed for one process per address, how many processes were timed; else 0
 */
record Row(String contender, String baseline, String op, int size, String family,
    double[] contenderMs, double[] baselineMs, int baselineTimed) {

  static final String PER_ADDRESS = "iptables per address";

  double contenderMedianMs() {
    return Samples.median(contenderMs);
  }

  double baselineMedianMs() {
    return Samples.median(baselineMs);
  }

  /** Contender over baseline: below 1 the contender is faster. */
  double ratio() {
    return contenderMedianMs() / baselineMedianMs();
  }

  /** Whether the baseline's figure is scaled up (or down) from fewer processes than addresses. */
  boolean extrapolated() {
    return baselineTimed > 0 && baselineTimed != size;
  }
}
