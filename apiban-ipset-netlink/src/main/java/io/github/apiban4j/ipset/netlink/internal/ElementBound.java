package io.github.apiban4j.ipset.netlink.internal;

/**
 * An upper bound on how many entries a set holds, kept between batches so that a small batch (a
 * feed page) need not ask the kernel: a set's header reply walks the whole hash to size it, about a
 * millisecond at 100,000 entries, several times the cost of the page itself. Deletions are not
 * subtracted (some may have been absent), so the bound only grows until the next real read.
 */
final class ElementBound {
  /** Batches up to this size may rely on the bound. */
  static final int SMALL_BATCH = 1_000;

  private boolean known;
  private long bound;
  private long limit;

  /**
   * Starts over from what the kernel just said.
   *
   * @param elements the entries the set holds
   * @param limit the most it may hold: its maxelem, or a lower configured capacity
   */
  void reset(long elements, long limit) {
    this.known = true;
    this.bound = elements;
    this.limit = limit;
  }

  /** Forgets everything: after a failure, or a change of the set's identity. */
  void forget() {
    known = false;
  }

  /**
   * Whether a batch of {@code adding} additions and {@code removing} removals can go without a
   * header read: small, and sure to fit even if none of the removals was of a member.
   */
  boolean allowsUnchecked(int adding, int removing) {
    return known && adding + removing <= SMALL_BATCH && bound + adding <= limit;
  }

  /** Records that {@code adding} entries were added. */
  void added(int adding) {
    bound += adding;
  }
}
