package io.github.apiban4j.internal.sync;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.SyncListener;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.internal.state.StateFile;
import io.github.apiban4j.spi.FirewallBackend;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a run needs, fixed when the {@code BlocklistSync} is built.
 *
 * @param client the feed, or {@code null} to work from local state only
 * @param backend where entries are enforced
 * @param stateFile where the cursor and last-seen times live
 * @param allowlist what is never applied
 * @param ttl how long an entry stays after it was last seen
 * @param expirySpread the window over which entries seen together expire
 * @param fullSyncInterval how often the whole feed is read again
 * @param pagesPerCommit pages fetched between two checkpoints
 * @param valveMinimumSize live sets smaller than this are never held back by the safety valves
 * @param initialCursor the cursor of a new state (an official client's LKID), or {@code null}
 * @param clock the time source
 * @param listener receives the run's events
 */
public record SyncSettings(
    ApibanClient client,
    FirewallBackend backend,
    StateFile stateFile,
    Allowlist allowlist,
    Duration ttl,
    Duration expirySpread,
    Duration fullSyncInterval,
    int pagesPerCommit,
    int valveMinimumSize,
    String initialCursor,
    Clock clock,
    SyncListener listener) {

  /**
   * These settings for a run from local state only: no client, and no initial cursor, so that a
   * state such a run creates belongs to no feed yet and the first real sync adopts it.
   */
  public SyncSettings withoutClient() {
    return new SyncSettings(null, backend, stateFile, allowlist, ttl, expirySpread,
        fullSyncInterval, pagesPerCommit, valveMinimumSize, null, clock, listener);
  }
}
