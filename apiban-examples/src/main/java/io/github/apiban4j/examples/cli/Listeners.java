package io.github.apiban4j.examples.cli;

import io.github.apiban4j.RefusalReason;
import io.github.apiban4j.SyncListener;
import io.github.apiban4j.SyncMode;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.Diff;
import java.util.List;

/** Several listeners as one, called in order. */
final class Listeners implements SyncListener {
  private final List<SyncListener> all;

  private Listeners(List<SyncListener> all) {
    this.all = all;
  }

  static SyncListener of(SyncListener... listeners) {
    return new Listeners(List.of(listeners));
  }

  @Override
  public void runStarted(SyncMode mode, String cursor, boolean dryRun) {
    all.forEach(l -> l.runStarted(mode, cursor, dryRun));
  }

  @Override
  public void stateRecovered(String reason) {
    all.forEach(l -> l.stateRecovered(reason));
  }

  @Override
  public void driftRepaired(int restored, int removed) {
    all.forEach(l -> l.driftRepaired(restored, removed));
  }

  @Override
  public void pageFetched(int page, int accepted, int refused, String nextCursor) {
    all.forEach(l -> l.pageFetched(page, accepted, refused, nextCursor));
  }

  @Override
  public void entryRefused(String entry, RefusalReason reason) {
    all.forEach(l -> l.entryRefused(entry, reason));
  }

  @Override
  public void committed(Diff diff, String cursor) {
    all.forEach(l -> l.committed(diff, cursor));
  }

  @Override
  public void runFinished(SyncResult result) {
    all.forEach(l -> l.runFinished(result));
  }

  @Override
  public void runFailed(Throwable error) {
    all.forEach(l -> l.runFailed(error));
  }
}
