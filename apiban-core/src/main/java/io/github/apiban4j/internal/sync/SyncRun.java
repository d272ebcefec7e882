package io.github.apiban4j.internal.sync;

import io.github.apiban4j.RefusalReason;
import io.github.apiban4j.SafetyValveException;
import io.github.apiban4j.StopReason;
import io.github.apiban4j.SyncMode;
import io.github.apiban4j.SyncOptions;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.client.ApibanException;
import io.github.apiban4j.client.ApibanRateLimitException;
import io.github.apiban4j.client.ApibanServerException;
import io.github.apiban4j.client.BannedPage;
import io.github.apiban4j.client.RejectedEntry;
import io.github.apiban4j.internal.state.LastSeen;
import io.github.apiban4j.internal.state.StoredState;
import io.github.apiban4j.internal.state.StoredState.FullSyncProgress;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One sync run, in the order that keeps the invariants:
 *
 * <ol>
 *   <li>Load the state (a missing or corrupt one starts fresh and adopts what the backend holds, so
 *       the live set is never emptied).</li>
 *   <li>Reconcile locally, before any request: put back what the backend lost, drop what expired or
 *       is now allowlisted. This is never held back by a safety valve.</li>
 *   <li>Fetch pages from the cursor; every few pages, and whenever the pull stops early, merge them
 *       into the state, apply the diff, and only then store the new cursor (at-least-once).</li>
 * </ol>
 *
 * Not thread-safe; the caller holds the state lock.
 */
public final class SyncRun {
  private static final System.Logger LOG = System.getLogger("io.github.apiban4j");
  private final SyncSettings s;
  private final SyncOptions options;
  private final Expiry expiry;
  private final SafeListener listener;
  private final RunCounters counters = new RunCounters();
  private final Instant started;

  private StoredState state;
  private boolean fresh;
  private AddressSet live;
  private int valveBase;
  private SyncMode mode = SyncMode.LOCAL;
  private String cursorBefore;
  private String cursorAfter;
  private StopReason stopReason;
  private String stopDetail;

  public SyncRun(SyncSettings settings, SyncOptions options, StoredState loaded, boolean fresh) {
    this.s = settings;
    this.options = options;
    this.expiry = new Expiry(settings.ttl(), settings.expirySpread());
    this.listener = new SafeListener(settings.listener());
    this.started = settings.clock().instant();
    this.state = loaded;
    this.fresh = fresh;
  }

  /** Runs to the end of the feed or to the first temporary failure; fatal errors propagate. */
  public SyncResult execute() throws IOException {
    if (!options.dryRun()) {
      s.backend().prepare();
    }
    live = s.backend().current();
    reconcileLocally();
    valveBase = live.size();
    cursorBefore = cursorAfter = currentCursor(false);
    Instant now = s.clock().instant();
    if (s.client() == null) {
      listener.runStarted(mode, cursorBefore, options.dryRun());
    } else if (state.notBefore() != null && now.isBefore(state.notBefore())) {
      listener.runStarted(mode, cursorBefore, options.dryRun());
      stop(StopReason.RATE_LIMITED, "APIBAN asked for no requests before " + state.notBefore());
    } else {
      pull(now);
    }
    return finish();
  }

  private void reconcileLocally() throws IOException {
    long now = s.clock().instant().getEpochSecond();
    LastSeen seen = state.seen();
    // Entries the backend holds but the state does not know: a crash after apply and before the
    // state write, or a state that was lost. Adopt them instead of deleting them.
    AddressSet unknown = live.minus(seen.entries());
    if (!unknown.isEmpty()) {
      seen = seen.record(unknown, now);
    }
    AddressSet expired = seen.select((e, t) -> expiry.isExpired(e, t, now));
    seen = seen.without((e, t) -> expiry.isExpired(e, t, now));
    state = withSeen(seen);
    AddressSet desired = desired(seen, now);
    Diff diff = Diff.between(desired, live);
    if (diff.isEmpty()) {
      return;
    }
    int expiredNow = countIn(diff.toRemove(), expired);
    apply(diff);
    counters.repaired += diff.toAdd().size();
    counters.expired += expiredNow;
    listener.driftRepaired(diff.toAdd().size(), diff.toRemove().size() - expiredNow);
  }

  private void pull(Instant now) throws IOException {
    boolean full = options.full() || state.fullSync() != null
        || state.lastFullSync() == null && !(fresh && s.initialCursor() != null)
        || state.lastFullSync() != null
            && !now.isBefore(state.lastFullSync().plus(s.fullSyncInterval()));
    mode = full ? SyncMode.FULL : SyncMode.INCREMENTAL;
    if (full && state.fullSync() == null) {
      state = with(state.cursor(), new FullSyncProgress(ApibanClient.START_CURSOR, now));
    }
    String cursor = currentCursor(full);
    cursorBefore = cursorAfter = cursor;
    listener.runStarted(mode, cursor, options.dryRun());

    AddressSet.Builder pending = AddressSet.builder();
    int pendingPages = 0;
    while (true) {
      if (Thread.interrupted()) { // cleared so the checkpoint's file I/O is not interrupted too
        commit(pending, pendingPages, cursor, false);
        stop(StopReason.INTERRUPTED, "interrupted");
        return;
      }
      BannedPage page;
      try {
        page = s.client().banned(cursor);
      } catch (ApibanRateLimitException e) {
        commit(pending, pendingPages, cursor, false);
        e.retryAfter().ifPresent(d -> state = withNotBefore(s.clock().instant().plus(d)));
        stop(StopReason.RATE_LIMITED, e.getMessage());
        return;
      } catch (InterruptedIOException e) {
        Thread.interrupted(); // the caller re-asserts it once the state is written and unlocked
        commit(pending, pendingPages, cursor, false);
        stop(StopReason.INTERRUPTED, "interrupted");
        return;
      } catch (ApibanException e) {
        if (!e.isTemporary()) {
          throw e; // unauthorized or unparseable: nothing of this run's pending pages is kept
        }
        commit(pending, pendingPages, cursor, false);
        stop(e instanceof ApibanServerException ? StopReason.SERVER_ERROR : StopReason.NETWORK_ERROR,
            e.getMessage());
        return;
      }
      int received = page.entries().size() + page.rejected().size();
      int accepted = accept(page, pending);
      pendingPages++;
      if (received > 0 || !page.isEnd()) { // the "no new bans" reply is not a page
        counters.pages++;
        listener.pageFetched(counters.pages, accepted, received - accepted,
            page.nextCursor().orElse("none"));
      }
      if (page.isEnd()) {
        commit(pending, pendingPages, cursor, true);
        return;
      }
      String next = page.nextCursor().orElseThrow();
      if (!advances(cursor, next)) {
        // Fetching again from here would return the same page forever; what was received is kept
        // and the next run starts from this cursor again.
        LOG.log(System.Logger.Level.WARNING, "APIBAN answered cursor {0} with cursor {1}, which does"
            + " not move forward; ending this pull here", cursor, next);
        commit(pending, pendingPages, cursor, true);
        return;
      }
      cursor = next;
      if (pendingPages >= s.pagesPerCommit()) {
        commit(pending, pendingPages, cursor, false);
        pending = AddressSet.builder();
        pendingPages = 0;
      }
    }
  }

  /** Validates a page against the allowlist; returns how many entries were accepted. */
  private int accept(BannedPage page, AddressSet.Builder pending) {
    counters.fetched += page.entries().size() + page.rejected().size();
    for (RejectedEntry r : page.rejected()) {
      counters.refuse(RefusalReason.MALFORMED);
      listener.entryRefused(r.text(), RefusalReason.MALFORMED);
    }
    int accepted = 0;
    for (IpPrefix entry : page.entries()) {
      Optional<RefusalReason> refusal = s.allowlist().refusal(entry);
      if (refusal.isPresent()) {
        counters.refuse(refusal.get());
        listener.entryRefused(entry.toString(), refusal.get());
      } else {
        pending.add(entry);
        accepted++;
      }
    }
    return accepted;
  }

  /**
   * Merges the pending pages into the state, applies the diff and checkpoints {@code resumeCursor},
   * in that order, so that the stored cursor never runs ahead of the firewall.
   */
  private void commit(AddressSet.Builder pending, int pendingPages, String resumeCursor,
      boolean endReached) throws IOException {
    if (pendingPages == 0 && !endReached) {
      return;
    }
    Instant now = s.clock().instant();
    long nowSecond = now.getEpochSecond();
    LastSeen seen = state.seen().record(pending.build(), nowSecond);
    FullSyncProgress progress = state.fullSync();
    boolean fullDone = mode == SyncMode.FULL && endReached;
    if (fullDone) {
      // The feed lists every active entry; what it no longer lists ends its life over the spread
      // window (via expiry) instead of vanishing in one batch.
      long listedSince = progress.startedAt().getEpochSecond();
      checkRemovalValve(countIn(live, seen.select((e, t) -> t < listedSince)),
          "the full resync no longer lists");
      seen = seen.capSeenBefore(listedSince, nowSecond - expiry.ttlSeconds());
    }
    AddressSet expired = seen.select((e, t) -> expiry.isExpired(e, t, nowSecond));
    seen = seen.without((e, t) -> expiry.isExpired(e, t, nowSecond));
    Diff diff = Diff.between(desired(seen, nowSecond), live);
    checkRemovalValve(diff.toRemove().size(), "this batch would remove");
    checkGrowthValve(live.size() + diff.toAdd().size() - diff.toRemove().size());
    int expiredNow = countIn(diff.toRemove(), expired);
    apply(diff);
    counters.expired += expiredNow;

    StoredState next = withSeen(seen);
    if (mode == SyncMode.FULL) {
      next = fullDone
          ? new StoredState(next.feed(), resumeCursor, now, next.lastSuccess(), next.notBefore(), null,
              seen)
          : with(next, next.cursor(), new FullSyncProgress(resumeCursor, progress.startedAt()));
    } else {
      next = with(next, resumeCursor, null);
    }
    state = next;
    cursorAfter = resumeCursor;
    save();
    listener.committed(diff, resumeCursor);
  }

  private void checkRemovalValve(int removals, String what) throws SafetyValveException {
    if (options.force() || valveBase < s.valveMinimumSize() || removals * 2 <= valveBase) {
      return;
    }
    throw new SafetyValveException("refused: " + what + " " + removals + " of the " + valveBase
        + " enforced entries, more than half; a truncated or poisoned feed looks like this."
        + " Nothing of this batch was applied and the cursor did not move."
        + " Rerun with --force if the change is expected.", valveBase, valveBase - removals);
  }

  private void checkGrowthValve(int projected) throws SafetyValveException {
    if (options.force() || valveBase < s.valveMinimumSize() || projected <= 10L * valveBase) {
      return;
    }
    throw new SafetyValveException("refused: the feed would grow the enforced set from " + valveBase
        + " to " + projected + " entries, more than tenfold; a poisoned feed looks like this."
        + " Nothing of this batch was applied and the cursor did not move."
        + " Rerun with --force if the change is expected.", valveBase, projected);
  }

  private void apply(Diff diff) throws IOException {
    if (diff.isEmpty()) {
      return;
    }
    if (!options.dryRun()) {
      s.backend().apply(diff);
    }
    live = diff.applyTo(live);
    counters.added += diff.toAdd().size();
    counters.removed += diff.toRemove().size();
  }

  private AddressSet desired(LastSeen seen, long now) {
    return seen.select((e, t) -> !expiry.isExpired(e, t, now) && s.allowlist().permits(e));
  }

  private SyncResult finish() throws IOException {
    Instant end = s.clock().instant();
    if (stopReason == null && s.client() != null) {
      state = new StoredState(state.feed(), state.cursor(), state.lastFullSync(), end,
          state.notBefore() != null && end.isBefore(state.notBefore()) ? state.notBefore() : null,
          state.fullSync(), state.seen());
    }
    save();
    SyncResult result = new SyncResult(s.backend().name(), mode, options.dryRun(),
        stopReason == null, Optional.ofNullable(stopReason), Optional.ofNullable(stopDetail),
        counters.pages, counters.fetched, counters.added, counters.removed, counters.expired,
        counters.repaired, counters.refusedByKey(), orStart(cursorBefore), orStart(cursorAfter),
        live.size(), Duration.between(started, end));
    listener.runFinished(result);
    return result;
  }

  private void save() throws IOException {
    if (!options.dryRun()) {
      s.stateFile().save(state);
    }
  }

  private void stop(StopReason reason, String detail) {
    stopReason = reason;
    stopDetail = detail;
  }

  /** The state as it stands, for a caller that reports a failure. */
  public StoredState state() {
    return state;
  }

  /** Whether the run began without a usable state. */
  public boolean isFresh() {
    return fresh;
  }

  private String currentCursor(boolean full) {
    if (full && state.fullSync() != null) {
      return state.fullSync().cursor();
    }
    return state.cursor();
  }

  /** Whether {@code next} lies after {@code cursor}; both are decimal, the start is "100". */
  static boolean advances(String cursor, String next) {
    String from = cursor == null ? ApibanClient.START_CURSOR : cursor;
    return next.length() != from.length() ? next.length() > from.length() : next.compareTo(from) > 0;
  }

  private static String orStart(String cursor) {
    return cursor == null ? ApibanClient.START_CURSOR : cursor;
  }

  private static int countIn(AddressSet candidates, AddressSet pool) {
    if (pool.isEmpty()) {
      return 0;
    }
    return candidates.size() - candidates.minus(pool).size();
  }

  private StoredState withSeen(LastSeen seen) {
    return new StoredState(state.feed(), state.cursor(), state.lastFullSync(), state.lastSuccess(),
        state.notBefore(), state.fullSync(), seen);
  }

  private StoredState withNotBefore(Instant notBefore) {
    return new StoredState(state.feed(), state.cursor(), state.lastFullSync(), state.lastSuccess(),
        notBefore, state.fullSync(), state.seen());
  }

  private StoredState with(String cursor, FullSyncProgress progress) {
    return with(state, cursor, progress);
  }

  private static StoredState with(StoredState st, String cursor, FullSyncProgress progress) {
    return new StoredState(st.feed(), cursor, st.lastFullSync(), st.lastSuccess(), st.notBefore(),
        progress, st.seen());
  }
}
