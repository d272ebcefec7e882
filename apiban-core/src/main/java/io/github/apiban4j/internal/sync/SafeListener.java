package io.github.apiban4j.internal.sync;

import io.github.apiban4j.RefusalReason;
import io.github.apiban4j.SyncListener;
import io.github.apiban4j.SyncMode;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.Diff;

/** Calls a {@link SyncListener} and logs, rather than propagates, anything it throws. */
public final class SafeListener implements SyncListener {
  private static final System.Logger LOG = System.getLogger("io.github.apiban4j");

  private final SyncListener delegate;

  public SafeListener(SyncListener delegate) {
    this.delegate = delegate;
  }

  private void guard(String event, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "sync listener failed on " + event + "; ignored", e);
    }
  }

  @Override
  public void runStarted(SyncMode mode, String cursor, boolean dryRun) {
    guard("runStarted", () -> delegate.runStarted(mode, cursor, dryRun));
  }

  @Override
  public void stateRecovered(String reason) {
    guard("stateRecovered", () -> delegate.stateRecovered(reason));
  }

  @Override
  public void driftRepaired(int restored, int removed) {
    guard("driftRepaired", () -> delegate.driftRepaired(restored, removed));
  }

  @Override
  public void pageFetched(int page, int accepted, int refused, String nextCursor) {
    guard("pageFetched", () -> delegate.pageFetched(page, accepted, refused, nextCursor));
  }

  @Override
  public void entryRefused(String entry, RefusalReason reason) {
    guard("entryRefused", () -> delegate.entryRefused(entry, reason));
  }

  @Override
  public void committed(Diff diff, String cursor) {
    guard("committed", () -> delegate.committed(diff, cursor));
  }

  @Override
  public void runFinished(SyncResult result) {
    guard("runFinished", () -> delegate.runFinished(result));
  }

  @Override
  public void runFailed(Throwable error) {
    guard("runFailed", () -> delegate.runFailed(error));
  }
}
