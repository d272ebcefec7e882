package io.github.apiban4j.internal.sync;

import io.github.apiban4j.SyncListener;
import io.github.apiban4j.internal.state.LoadResult;
import io.github.apiban4j.internal.state.StoredState;
import java.io.IOException;

/** Reads the state a run starts from, recovering from a missing, corrupt or foreign one. */
public final class StateLoader {
  private static final System.Logger LOG = System.getLogger("io.github.apiban4j");

  private StateLoader() {}

  /**
   * The state to start from.
   *
   * @param state the state
   * @param fresh whether it was created now (none existed, or the old one was unusable)
   */
  public record Loaded(StoredState state, boolean fresh) {}

  /**
   * The state to start from; {@code readOnly} (a dry run) leaves even a corrupt file where it is.
   */
  public static Loaded load(SyncSettings settings, SyncListener listener, boolean readOnly)
      throws IOException {
    return from(settings, listener, settings.stateFile().load(!readOnly), readOnly);
  }

  /** The state to start from, given what reading the state file found. */
  static Loaded from(SyncSettings settings, SyncListener listener, LoadResult result,
      boolean readOnly) {
    if (result instanceof LoadResult.Loaded loaded) {
      StoredState state = loaded.state();
      String feed = feedOf(settings, state);
      if (state.feed().equals(feed)) {
        return new Loaded(state, false);
      }
      // The cursors belong to another feed; the entries are still attackers, so keep them, and
      // the operator's overrides too. A state created locally (an override before the first sync)
      // has no cursor to lose and is adopted without a word.
      boolean local = state.feed().equals(StoredState.LOCAL_FEED) && state.cursor() == null
          && state.fullSync() == null;
      if (!local) {
        String reason = "the state belongs to feed '" + state.feed() + "', not '" + feed
            + "'; its cursor is dropped and the whole feed is read again";
        LOG.log(System.Logger.Level.WARNING, reason);
        listener.stateRecovered(reason);
      }
      StoredState kept = StoredState.initial(feed).withLastSuccess(state.lastSuccess())
          .withSeen(state.seen()).withOverrides(state.overrides());
      if (local && settings.initialCursor() != null) {
        kept = kept.withCursor(settings.initialCursor());
      }
      return new Loaded(kept, local);
    }
    StoredState initial = StoredState.initial(feedOf(settings, null));
    if (result instanceof LoadResult.Corrupt corrupt) {
      String reason = "state file " + settings.stateFile().path() + " was unusable ("
          + corrupt.reason() + "); " + (readOnly
              ? "a real run sets it aside"
              : "it was moved to " + corrupt.movedTo())
          + " and reads the whole feed again, keeping what the firewall holds meanwhile";
      LOG.log(System.Logger.Level.WARNING, reason);
      listener.stateRecovered(reason);
      return new Loaded(initial, true);
    }
    if (settings.initialCursor() != null) {
      initial = initial.withCursor(settings.initialCursor());
    }
    return new Loaded(initial, true);
  }

  private static String feedOf(SyncSettings settings, StoredState loaded) {
    if (settings.client() != null) {
      return settings.client().feedId();
    }
    return loaded != null ? loaded.feed() : StoredState.LOCAL_FEED;
  }
}
