package io.github.apiban4j.internal.sync;

import io.github.apiban4j.RefusalReason;
import io.github.apiban4j.SafetyValveException;
import io.github.apiban4j.StopReason;
import io.github.apiban4j.SyncMode;
import io.github.apiban4j.SyncOptions;
import io.github.apiban4j.SyncListener;
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
 *   <li>Repair locally, before any request: put back what the backend lost, adopt what it holds
 *       that the state does not know (a crash after an apply, a lost state), drop what is now
 *       allowlisted or unbanned, add what is pinned. Nothing is expired yet, and nothing here is
 *       held back by a safety valve.</li>
 *   <li>Fetch pages from the cursor; every few pages, and whenever the pull stops early, merge them
 *       into the state, add what is new to the backend, and only then store the cursor
 *       (at-least-once). Fetching only ever adds.</li>
 *   <li>Expire, once, after the feed had its chance to report entries again: at most a budget per
 *       run ({@link ExpiryPlan}), so the live set drains gradually and never empties at once.</li>
 * </ol>
 *
 * Not thread-safe; the caller holds the state lock.
 */
public final class SyncRun {
  private static final System.Logger LOG = System.getLogger("io.github.apiban4j");
  /**
   * Longer than any hold APIBAN's two-minute window calls for: a later one was set by a clock that
   * ran ahead.
   */
  private static final Duration MAX_HOLD = Duration.ofHours(1);
  /** See {@link #checkpointDue}. */
  private static final int CHECKPOINT_GROWTH_DIVISOR = 8;
  private static final Duration CHECKPOINT_AT_LEAST_EVERY = Duration.ofSeconds(2);

  private final SyncSettings s;
  private final SyncOptions options;
  private final Expiry expiry;
  private final SyncListener listener;
  private final RunCounters counters = new RunCounters();
  private final Instant started;
  private final boolean fresh;

  private StoredState state;
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
    this.listener = settings.listener();
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
    repairLocally();
    valveBase = live.size();
    cursorBefore = cursorAfter = orStart(state.cursor());
    if (s.client() == null) {
      listener.runStarted(mode, cursorBefore, options.dryRun());
    } else if (state.notBefore() != null && started.isBefore(state.notBefore())) {
      listener.runStarted(mode, cursorBefore, options.dryRun());
      stop(StopReason.RATE_LIMITED, "APIBAN asked for no requests before " + state.notBefore());
    } else {
      try {
        pull();
      } catch (SafetyValveException e) {
        if (!options.dryRun()) {
          throw e;
        }
        stop(StopReason.SAFETY_VALVE, e.getMessage()); // a dry run reports what would happen
      }
    }
    expire();
    return finish();
  }

  private void repairLocally() throws IOException {
    long now = started.getEpochSecond();
    state = withSaneTimes(state, started);
    // Unknown entries were applied by a run that died before its state write, or belong to a
    // state that was lost: keep them (as seen just before this run) rather than delete them.
    // Pinned entries are the operator's, not the feed's: they are never adopted as seen.
    LastSeen seen = state.seen();
    AddressSet pinned = Enforcement.pinned(s.allowlist(), state.overrides());
    AddressSet unknown = live.minus(seen.entries()).minus(pinned);
    if (!unknown.isEmpty()) {
      seen = seen.record(unknown, now - 1);
    }
    seen = seen.without((e, t) -> refusal(e).isPresent());
    state = state.withSeen(seen);
    // Put back what is still active; keep what is live and known even if expired (expiry comes
    // after the fetch); drop only what is no longer known (allowlisted or unbanned now). Pinned
    // entries are always wanted.
    AddressSet desired = seen.select((e, t) -> !expiry.isExpired(e, t, now) || live.contains(e))
        .union(pinned);
    Diff diff = Diff.between(desired, live);
    if (!diff.isEmpty()) {
      apply(diff);
      counters.repaired += diff.toAdd().size();
      listener.driftRepaired(diff.toAdd().size(), diff.toRemove().size());
    }
  }

  private void pull() throws IOException {
    boolean full = options.full() || state.fullSync() != null
        || state.lastFullSync() == null && !(fresh && state.cursor() != null)
        || state.lastFullSync() != null
            && !started.isBefore(state.lastFullSync().plus(s.fullSyncInterval()));
    mode = full ? SyncMode.FULL : SyncMode.INCREMENTAL;
    if (full && state.fullSync() == null) {
      state = state.withFullSync(new FullSyncProgress(ApibanClient.START_CURSOR, started));
    }
    String cursor = full ? state.fullSync().cursor() : orStart(state.cursor());
    cursorBefore = cursorAfter = cursor;
    listener.runStarted(mode, cursor, options.dryRun());

    AddressSet.Builder pending = AddressSet.builder();
    int pendingPages = 0;
    int pendingEntries = 0;
    Instant lastCheckpoint = s.clock().instant();
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
        holdRequests();
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
      pendingEntries += accepted;
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
        // Asking again would return the same page forever. What arrived is kept; the next run
        // starts from this cursor again.
        commit(pending, pendingPages, cursor, false);
        stop(StopReason.FEED_STALLED, "APIBAN answered cursor " + cursor + " with cursor " + next
            + ", which does not move forward");
        LOG.log(System.Logger.Level.WARNING, stopDetail);
        return;
      }
      cursor = next;
      if (pendingPages >= s.pagesPerCommit() && checkpointDue(pendingEntries, lastCheckpoint)) {
        commit(pending, pendingPages, cursor, false);
        pending = AddressSet.builder();
        pendingPages = 0;
        pendingEntries = 0;
        lastCheckpoint = s.clock().instant();
      }
    }
  }

  /**
   * Whether the pages gathered since the last checkpoint are worth one. A checkpoint rewrites the
   * whole state file, so on an unpaced pull (a local mirror, a first download without rate limit)
   * checkpointing every few pages would write the file over and over: 100 times for 100,000
   * entries in pages of 250. Such a pull checkpoints once what it gathered is an eighth of what
   * the state holds, which bounds the bytes written to a few times the final file. A paced pull,
   * where pages come seconds apart, checkpoints every {@code pagesPerCommit} pages as before, so
   * bans go live as they arrive.
   */
  private boolean checkpointDue(int pendingEntries, Instant lastCheckpoint) {
    return pendingEntries >= state.seen().size() / CHECKPOINT_GROWTH_DIVISOR
        || !s.clock().instant().isBefore(lastCheckpoint.plus(CHECKPOINT_AT_LEAST_EVERY));
  }

  /**
   * Carries a rate limit into the state, so that the next run (another process) respects it: the
   * client has held its pacer for as long as the 429 asks, and that hold is what is stored.
   */
  private void holdRequests() {
    Duration hold = s.client().pacer().delayUntilNextPermit();
    if (!hold.isZero()) {
      state = state.withNotBefore(s.clock().instant().plus(hold));
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
      Optional<RefusalReason> refusal = refusal(entry);
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
   * Merges the pending pages into the state, adds what is new to the backend and checkpoints
   * {@code resumeCursor}, in that order, so that the stored cursor never runs ahead of the
   * firewall. The checkpoint at the end of the feed is written by {@link #finish()}.
   */
  private void commit(AddressSet.Builder pending, int pendingPages, String resumeCursor,
      boolean endReached) throws IOException {
    if (pendingPages == 0 && !endReached) {
      return;
    }
    Instant now = s.clock().instant();
    AddressSet received = pending.build();
    LastSeen seen = state.seen().record(received, now.getEpochSecond());
    Diff diff = new Diff(received.minus(live), AddressSet.empty());
    checkGrowthValve(live.size() + diff.toAdd().size());
    if (mode == SyncMode.FULL && endReached) {
      // The feed lists every active entry. What it no longer lists ends its life over the spread
      // window, through expiry, rather than vanishing in this batch.
      long listedSince = state.fullSync().startedAt().getEpochSecond();
      long nowSecond = now.getEpochSecond();
      // Entries already past their own deadline (kept only by the expiry budget) go anyway.
      AddressSet unlisted =
          seen.select((e, t) -> t < listedSince && !expiry.isExpired(e, t, nowSecond))
              .minus(state.overrides().pinned());
      checkRemovalValve(live.size() - live.minus(unlisted).size());
      long cap = nowSecond - expiry.ttlSeconds();
      seen = seen.withTimes((e, t) -> t < listedSince ? Math.min(t, cap) : t);
      state = state.withSeen(seen).withCursor(resumeCursor).withLastFullSync(now).withFullSync(null);
    } else if (mode == SyncMode.FULL) {
      state = state.withSeen(seen).withFullSync(
          new FullSyncProgress(resumeCursor, state.fullSync().startedAt()));
    } else {
      state = state.withSeen(seen).withCursor(resumeCursor);
    }
    apply(diff);
    cursorAfter = resumeCursor;
    if (!endReached) {
      save();
    }
    listener.committed(diff, resumeCursor);
  }

  private void expire() throws IOException {
    // A pinned entry is never expired: to the plan it is not live, so only its record goes.
    ExpiryPlan plan = ExpiryPlan.of(state.seen(), live.minus(state.overrides().pinned()),
        s.clock().instant().getEpochSecond(), expiry);
    state = state.withSeen(plan.kept());
    if (!plan.toRemove().isEmpty()) {
      apply(new Diff(AddressSet.empty(), plan.toRemove()));
      counters.expired += plan.toRemove().size();
    }
  }

  private void checkRemovalValve(int removals) throws SafetyValveException {
    if (options.force() || valveBase < s.valveMinimumSize() || removals * 2 <= valveBase) {
      return;
    }
    throw new SafetyValveException("refused: the full resync no longer lists " + removals
        + " of the " + valveBase + " enforced entries, more than half; a truncated or poisoned feed"
        + " looks like this. Nothing of this batch was applied and the cursor did not move."
        + " Rerun with --force if the change is expected.", valveBase, valveBase - removals);
  }

  private void checkGrowthValve(int projected) throws SafetyValveException {
    // Until a first full download has completed, growth is the expected shape: APIBAN's rate
    // limit or an interruption spreads that download over several runs.
    if (options.force() || state.lastFullSync() == null || valveBase < s.valveMinimumSize()
        || projected <= 10L * valveBase) {
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

  private SyncResult finish() throws IOException {
    Instant end = s.clock().instant();
    if (stopReason == null && s.client() != null) {
      state = state.withLastSuccess(end);
    }
    if (state.notBefore() != null && !end.isBefore(state.notBefore())) {
      state = state.withNotBefore(null);
    }
    save();
    SyncResult result = new SyncResult(s.backend().name(), mode, options.dryRun(),
        stopReason == null, Optional.ofNullable(stopReason), Optional.ofNullable(stopDetail),
        counters.pages, counters.fetched, counters.added, counters.removed, counters.expired,
        counters.repaired, counters.refusedByKey(), cursorBefore, orStart(cursorAfter),
        live.size(), Duration.between(started, end));
    listener.runFinished(result);
    return result;
  }

  private void save() throws IOException {
    if (!options.dryRun()) {
      s.stateFile().save(state);
    }
  }

  /** Why {@code entry} must not be applied: the allowlist, or the operator's unban. */
  private Optional<RefusalReason> refusal(IpPrefix entry) {
    return Enforcement.refusal(s.allowlist(), state.overrides(), entry);
  }

  private void stop(StopReason reason, String detail) {

    stopReason = reason;
    stopDetail = detail;
  }

  /**
   * The state with times that cannot be right (after a clock that ran ahead) brought back: a hold
   * beyond an hour is dropped, a last full sync in the future is forgotten (one is due), a full
   * resync that started in the future started now, and entries seen in the future count as seen
   * now.
   */
  private static StoredState withSaneTimes(StoredState st, Instant instant) {
    long now = instant.getEpochSecond();
    if (st.notBefore() != null && st.notBefore().isAfter(instant.plus(MAX_HOLD))) {
      st = st.withNotBefore(null);
    }
    if (st.lastFullSync() != null && st.lastFullSync().isAfter(instant)) {
      st = st.withLastFullSync(null);
    }
    if (st.fullSync() != null && st.fullSync().startedAt().isAfter(instant)) {
      st = st.withFullSync(new FullSyncProgress(st.fullSync().cursor(), instant));
    }
    return st.withSeen(st.seen().withTimes((e, t) -> Math.min(t, now)));
  }

  /** Whether {@code next} lies after {@code cursor}; both are decimal numbers. */
  static boolean advances(String cursor, String next) {
    return next.length() != cursor.length()
        ? next.length() > cursor.length()
        : next.compareTo(cursor) > 0;
  }

  private static String orStart(String cursor) {
    return cursor == null ? ApibanClient.START_CURSOR : cursor;
  }
}
