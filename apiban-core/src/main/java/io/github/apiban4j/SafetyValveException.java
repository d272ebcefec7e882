package io.github.apiban4j;

import java.io.IOException;

/**
 * A run was refused because the feed would change the live set too much at once: remove more than
 * half of it, or grow it more than tenfold. That is what a poisoned or truncated feed looks like.
 * Nothing of the refused batch was applied and the cursor did not move; rerun with
 * {@link SyncOptions#force()} once the change is known to be right.
 */
public final class SafetyValveException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int liveSize;
  private final int projectedSize;

  public SafetyValveException(String message, int liveSize, int projectedSize) {
    super(message);
    this.liveSize = liveSize;
    this.projectedSize = projectedSize;
  }

  /** Entries enforced when the run started. */
  public int liveSize() {
    return liveSize;
  }

  /** Entries the refused batch would have left. */
  public int projectedSize() {
    return projectedSize;
  }
}
