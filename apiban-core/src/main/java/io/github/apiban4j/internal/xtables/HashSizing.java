package io.github.apiban4j.internal.xtables;

/**
 * The hash size both ipset backends give a {@code hash:net} set for an expected number of entries:
 * twice as many buckets, rounded up to a power of two, at least ipset's default of 1,024 and at
 * most 2^20.
 *
 * <p>Pre-sizing spares the kernel the rehashes of a growing table (netlink.md section 2.8: 100,000
 * inserts took 93 ms at 1,024 buckets and 24 ms at 65,536). Sparse buckets also make each insert,
 * and each packet's lookup, compare fewer entries: a page of 250 additions to a set of 100,000 took
 * 0.26 ms at 65,536 buckets and 0.22 ms at 262,144, for about a third more kernel memory (some 1.5
 * MiB at that size).
 */
public final class HashSizing {
  private HashSizing() {}

  /** The hash size for {@code expected} entries. */
  public static int forExpected(long expected) {
    long wanted = Math.max(1, Math.min(expected, 1L << 40) * 2);
    return (int) Math.max(1024, Math.min(nextPowerOfTwo(wanted), 1 << 20));
  }

  /** The smallest power of two not below {@code n}; 1 for {@code n} of 1 or less. */
  public static long nextPowerOfTwo(long n) {
    return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
  }
}
