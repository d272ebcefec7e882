package io.github.apiban4j;

import io.github.apiban4j.address.Diff;

/**
 * Receives the events of each run, for metrics and logs. Every method has an empty default.
 *
 * <p>Callbacks run on the sync's thread, in order. They must be fast, must not throw (an exception is
 * logged and ignored) and must not call back into the {@link BlocklistSync}.
 */
public interface SyncListener {
  /** Ignores everything. */
  SyncListener NONE = new SyncListener() {};

  /** A run begins. */
  default void runStarted(SyncMode mode, String cursor, boolean dryRun) {}

  /** The state file was unusable and has been set aside; the run resyncs from scratch. */
  default void stateRecovered(String reason) {}

  /** The backend had drifted from the local state and was repaired before any network call. */
  default void driftRepaired(int restored, int removed) {}

  /** A page arrived. */
  default void pageFetched(int page, int accepted, int refused, String nextCursor) {}

  /** An entry was refused; {@code entry} is quoted and escaped if it came from the network. */
  default void entryRefused(String entry, RefusalReason reason) {}

  /** A batch was applied (or, in a dry run, would have been) and the cursor checkpointed. */
  default void committed(Diff diff, String cursor) {}

  /** A run ended, completely or early. */
  default void runFinished(SyncResult result) {}

  /** A run failed; nothing after the last checkpoint was kept. */
  default void runFailed(Throwable error) {}
}
