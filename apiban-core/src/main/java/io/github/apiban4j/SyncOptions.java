package io.github.apiban4j;

/**
 * How one run behaves.
 *
 * @param full fetch the whole feed from its start instead of from the cursor (never empties the live
 *     set first: the result is a diff)
 * @param dryRun fetch and compute everything, report it, and change neither the firewall nor the state
 * @param force apply even what a safety valve would refuse (a feed that would remove more than half
 *     of the live set, or grow it more than tenfold)
 */
public record SyncOptions(boolean full, boolean dryRun, boolean force) {
  private static final SyncOptions DEFAULTS = new SyncOptions(false, false, false);

  /** An incremental, real, unforced run. */
  public static SyncOptions defaults() {
    return DEFAULTS;
  }

  public SyncOptions withFull(boolean value) {
    return new SyncOptions(value, dryRun, force);
  }

  public SyncOptions withDryRun(boolean value) {
    return new SyncOptions(full, value, force);
  }

  public SyncOptions withForce(boolean value) {
    return new SyncOptions(full, dryRun, value);
  }
}
