package io.github.apiban4j;

/**
 * Why a run ended before the end of the feed. The pages fetched before it were applied and
 * checkpointed; the next run continues from there.
 */
public enum StopReason {
  /** APIBAN answered 429, or an earlier {@code Retry-After} has not run out yet. */
  RATE_LIMITED,
  /** APIBAN kept answering 5xx after the retries. */
  SERVER_ERROR,
  /** Connections or reads kept timing out or failing after the retries. */
  NETWORK_ERROR,
  /** The run was interrupted (shutdown). */
  INTERRUPTED,
  /** APIBAN answered with a cursor that does not move forward; the next run tries again from it. */
  FEED_STALLED,
  /**
   * Dry runs only: a real run would have been refused by a safety valve ({@link
   * SafetyValveException}); the result shows what was computed up to that point.
   */
  SAFETY_VALVE
}
