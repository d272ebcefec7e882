package io.github.apiban4j.ipset.netlink.internal;

import io.github.apiban4j.internal.xtables.HashSizing;

/**
 * How big a {@code hash:net} set is made for an expected number of entries. The kernel starts a
 * hash at 1,024 buckets and doubles it, rehashing everything, each time a bucket overflows; a set
 * created with room for its entries skips those rehashes, which made inserting 10,000 entries 8
 * times and 100,000 entries 4 times faster (netlink.md, section 2.8).
 *
 * @param hashSize buckets, as {@link HashSizing} has them for the ipset tool too
 * @param maxElem the most entries: twice the expected count, at least 65,536, or exactly the
 *     configured capacity
 */
record SetSizing(int hashSize, int maxElem) {
  /** ipset's own default, below which a set is never made. */
  static final int MIN_MAXELEM = 65_536;
  /** Far beyond any blocklist; keeps the arithmetic inside an int. */
  static final int MAX_MAXELEM = 1 << 28;

  /**
   * The sizing for {@code expected} entries.
   *
   * @param capacity the configured maximum, or 0 for none
   */
  static SetSizing forExpected(long expected, int capacity) {
    long wanted = Math.max(0, expected);
    int hashSize = HashSizing.forExpected(wanted);
    int maxElem = capacity > 0 ? capacity
        : (int) Math.min(MAX_MAXELEM, Math.max(MIN_MAXELEM, HashSizing.nextPowerOfTwo(wanted * 2)));
    return new SetSizing(hashSize, maxElem);
  }
}
