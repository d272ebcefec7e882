package io.github.apiban4j.internal.xtables;

/**
 * An upper bound on how many entries an ipset set holds, kept between batches so that a small batch
 * (a feed page) need not ask the kernel first: a set's header walks the whole hash to size it,
 * about a millisecond at 100,000 entries and several times the cost of the page itself, and for
 * the ipset tool it is one more process. Deletions are not subtracted (some may have been absent),
 * so the bound only grows until the next real read. Not thread-safe.
 */
public final class SetRoom {
  /** Batches up to this size may rely on the bound. */
  public static final int SMALL_BATCH = 1_000;

  private boolean known;
  private long bound;
  private long limit;

  /**
   * Starts over from what the kernel just said.
   *
   * @param elements the entries the set holds
   * @param limit the most it may hold: its maxelem, or a lower configured capacity
   */
  public void reset(long elements, long limit) {
    this.known = true;
    this.bound = elements;
    this.limit = limit;
  }

  /** Forgets everything: after a failure, or a change of the set's identity. */
  public void forget() {
    known = false;
  }

  /**
   * Whether a batch of {@code adding} additions and {@code removing} removals can go without a
   * header read: small, and sure to fit even if none of the removals was of a member.
   */
  public boolean allowsUnchecked(int adding, int removing) {
    return known && adding + removing <= SMALL_BATCH && bound + adding <= limit;
  }

  /** Records that {@code adding} entries were added. */
  public void added(int adding) {
    bound += adding;
  }
}
