package io.github.apiban4j;

/** Where a run reads the feed from. */
public enum SyncMode {
  /** From the stored cursor: only what is new since the last run. */
  INCREMENTAL,
  /** From the start of the feed (on schedule, on demand, or after the state was lost). */
  FULL,
  /** No request was sent (no client configured, or a {@code Retry-After} is still running). */
  LOCAL
}
