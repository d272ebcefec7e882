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
 * @param overrides the operator's local unbans and pins
 */
public record StoredState(
    String feed,
    String cursor,
    Instant lastFullSync,
    Instant lastSuccess,
    Instant notBefore,
    FullSyncProgress fullSync,
    LastSeen seen,
    Overrides overrides) {

  /**
   * The format version of a state without overrides: such a state is written exactly as before
   * overrides existed, so that an older apiban4j still reads it.
   */
  public static final int VERSION = 1;

  /** The format version of a state that holds overrides. */
  public static final int VERSION_WITH_OVERRIDES = 2;

  /** The feed of a state created locally (by an override) before any sync named its feed. */
  public static final String LOCAL_FEED = "local";

  public StoredState {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(seen, "seen");
    Objects.requireNonNull(overrides, "overrides");
  }

  /** A state without overrides. */
  public StoredState(String feed, String cursor, Instant lastFullSync, Instant lastSuccess,
      Instant notBefore, FullSyncProgress fullSync, LastSeen seen) {
    this(feed, cursor, lastFullSync, lastSuccess, notBefore, fullSync, seen, Overrides.none());
  }

  /** A state with nothing in it yet, for {@code feed}. */
  public static StoredState initial(String feed) {
    return new StoredState(feed, null, null, null, null, null, LastSeen.empty());
  }

  /** The format version this state is written in. */
  public int formatVersion() {
    return overrides.isEmpty() ? VERSION : VERSION_WITH_OVERRIDES;
  }

  public StoredState withCursor(String value) {
    return new StoredState(feed, value, lastFullSync, lastSuccess, notBefore, fullSync, seen, overrides);
  }

  public StoredState withLastFullSync(Instant value) {
    return new StoredState(feed, cursor, value, lastSuccess, notBefore, fullSync, seen, overrides);
  }

  public StoredState withLastSuccess(Instant value) {
    return new StoredState(feed, cursor, lastFullSync, value, notBefore, fullSync, seen, overrides);
  }

  public StoredState withNotBefore(Instant value) {
    return new StoredState(feed, cursor, lastFullSync, lastSuccess, value, fullSync, seen, overrides);
  }

  public StoredState withFullSync(FullSyncProgress value) {
    return new StoredState(feed, cursor, lastFullSync, lastSuccess, notBefore, value, seen, overrides);
  }

  public StoredState withSeen(LastSeen value) {
    return new StoredState(feed, cursor, lastFullSync, lastSuccess, notBefore, fullSync, value, overrides);
  }

  public StoredState withOverrides(Overrides value) {
    return new StoredState(feed, cursor, lastFullSync, lastSuccess, notBefore, fullSync, seen, value);
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
