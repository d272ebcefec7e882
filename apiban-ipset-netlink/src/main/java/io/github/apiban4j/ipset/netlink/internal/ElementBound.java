package io.github.apiban4j.ipset.netlink.internal;

import io.github.apiban4j.ipset.netlink.internal.codec.SetHeader;

/**
 * An upper bound on how many entries a set holds, kept between batches so that a small batch (a
 * feed page) need not ask the kernel: a set's header reply walks the whole hash to size it, about a
 * millisecond at 100,000 entries, several times the cost of the page itself. Deletions are not
 * subtracted (some may have been absent), so the bound only grows until the next real read.
 */
final class ElementBound {
  /** Batches up to this size may rely on the bound. */
  static final int SMALL_BATCH = 1_000;

  private SetHeader header;
  private long bound;

  /** Starts over from what the kernel just said. */
  void reset(SetHeader fresh) {
    header = fresh;
    bound = fresh.elements();
  }

  /** Forgets everything: after a failure, a rebuild, or a change of the set's identity. */
  void forget() {
    header = null;
  }

  /**
   * Whether a batch of {@code adding} additions and {@code removing} removals can go without a
   * header read: small, and sure to fit below the set's maximum even if nothing else was removed.
   */
  boolean allowsUnchecked(int adding, int removing) {
    return header != null && adding + removing <= SMALL_BATCH
        && bound + adding <= header.maxElem();
  }

  /** Records that {@code adding} entries were added. */
  void added(int adding) {
    bound += adding;
  }
}
