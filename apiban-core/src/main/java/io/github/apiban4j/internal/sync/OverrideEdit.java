package io.github.apiban4j.internal.sync;

import io.github.apiban4j.OverrideResult;
import io.github.apiban4j.StateFileException;
import io.github.apiban4j.SyncOptions;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.state.LoadResult;
import io.github.apiban4j.internal.state.Overrides;
import io.github.apiban4j.internal.state.StoredState;
import java.io.IOException;
import java.util.function.BiFunction;

/**
 * An operator's decision about one entry (unban, pin, or withdraw either), stored in the state and
 * enforced at once by a local run, without a request to APIBAN. The caller holds the state lock.
 */
public final class OverrideEdit {
  private OverrideEdit() {}

  /**
   * Stores {@code decide(overrides, entry)} and enforces it.
   *
   * @param settings the sync's settings; its client, if any, is not used
   */
  public static OverrideResult apply(SyncSettings settings, IpPrefix entry,
      BiFunction<Overrides, IpPrefix, Overrides> decide) throws IOException {
    SyncSettings local = settings.withoutClient();
    try {
      LoadResult found = local.stateFile().load(false);
      if (found instanceof LoadResult.Corrupt corrupt) {
        // Setting a corrupt state aside starts the feed afresh: a sync's decision, not an edit's.
        throw new StateFileException(local.stateFile().path(), "the state file "
            + local.stateFile().path() + " is unusable (" + corrupt.reason() + "); nothing was"
            + " changed. Run a sync first: it sets the file aside and starts afresh");
      }
      StateLoader.Loaded loaded = StateLoader.from(local, local.listener(), found, false);
      StoredState state = loaded.state();
      Overrides before = state.overrides();
      Overrides after = decide.apply(before, entry);
      boolean changed = !after.equals(before);
      if (changed) {
        if (before.pinned().contains(entry) && !after.pinned().contains(entry)
            && !state.seen().entries().contains(entry)) {
          // A withdrawn pin the feed never reported goes now: a run adopts what it finds enforced
          // and does not know, and would keep it for a TTL.
          local.backend().prepare();
          local.backend().apply(new Diff(AddressSet.empty(), AddressSet.of(entry)));
        }
        state = state.withOverrides(after);
        local.stateFile().save(state); // the decision outlives a failure of the run below
      }
      SyncResult enforced =
          new SyncRun(local, SyncOptions.defaults(), state, loaded.fresh()).execute();
      return new OverrideResult(changed, enforced);
    } catch (IOException | RuntimeException e) {
      local.listener().runFailed(e);
      throw e;
    }
  }
}
