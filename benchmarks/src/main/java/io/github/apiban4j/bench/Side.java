package io.github.apiban4j.bench;

import io.github.apiban4j.address.AddressSet;
import java.io.IOException;

/**
 * One way of changing the kernel's blocklist in the current network namespace: a backend through
 * the library's API, or a bare tool fed input written in advance. Whatever a side prepares before
 * its step (a tool's input text, say) is not timed; the step is.
 */
interface Side {
  /** A timed change. */
  interface Step {
    void run() throws IOException;
  }

  /** Prepares the addition of {@code entries}, absent until the step runs. */
  Step add(AddressSet entries) throws IOException;

  /** Prepares the removal of {@code entries}, present until the step runs. */
  Step delete(AddressSet entries) throws IOException;

  /** Empties the side's sets or chain quickly, untimed. */
  void clear() throws IOException;

  /** Makes the side's kernel objects the same shape as the contender's, now that it has run. */
  default void matchContender() throws IOException {}
}
