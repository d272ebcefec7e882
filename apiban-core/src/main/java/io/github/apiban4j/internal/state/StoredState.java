package io.github.apiban4j.internal.state;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a sync keeps between runs. Holds no key. Times are the local clock's.
 *
 * @param feed which feed the cursors belong to (API version, dataset and base URL, never the key);
 *     a different feed invalidates them
 * @param cursor where the next incremental run starts; {@code null} for the start of the feed
 * @param lastFullSync when the last full resync completed, or {@code null}
 * @param lastSuccess when the last run completed without error, or {@code null}
 * @param notBefore no request before this time (a {@code Retry-After}), or {@code null}
 * @param fullSync the checkpoint of a full resync in progress, or {@code null}
 * @param seen when each accepted entry was last received
 */
public record StoredState(
    String feed,
    String cursor,
    Instant lastFullSync,
    Instant lastSuccess,
    Instant notBefore,
    FullSyncProgress fullSync,
    LastSeen seen) {

  /** The format version written to, and expected in, the state file. */
  public static final int VERSION = 1;

  public StoredState {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(seen, "seen");
  }

  /** A state with nothing in it yet, for {@code feed}. */
  public static StoredState initial(String feed) {
    return new StoredState(feed, null, null, null, null, null, LastSeen.empty());
  }

  public StoredState withCursor(String value) {
    return new StoredState(feed, value, lastFullSync, lastSuccess, notBefore, fullSync, seen);
  }

  public StoredState withLastFullSync(Instant value) {
    return new StoredState(feed, cursor, value, lastSuccess, notBefore, fullSync, seen);
  }

  public StoredState withLastSuccess(Instant value) {
    return new StoredState(feed, cursor, lastFullSync, value, notBefore, fullSync, seen);
  }

  public StoredState withNotBefore(Instant value) {
    return new StoredState(feed, cursor, lastFullSync, lastSuccess, value, fullSync, seen);
  }

  public StoredState withFullSync(FullSyncProgress value) {
    return new StoredState(feed, cursor, lastFullSync, lastSuccess, notBefore, value, seen);
  }

  public StoredState withSeen(LastSeen value) {
    return new StoredState(feed, cursor, lastFullSync, lastSuccess, notBefore, fullSync, value);
  }

  /**
   * A full resync in progress.
   *
   * @param cursor where it continues
   * @param startedAt when it began; entries received since then count as listed by the feed
   */
  public record FullSyncProgress(String cursor, Instant startedAt) {
    public FullSyncProgress {
      Objects.requireNonNull(cursor, "cursor");
      Objects.requireNonNull(startedAt, "startedAt");
    }
  }
}
