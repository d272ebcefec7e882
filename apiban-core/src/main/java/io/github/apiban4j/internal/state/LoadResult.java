package io.github.apiban4j.internal.state;

import java.nio.file.Path;
import java.util.Objects;

/** What {@link StateFile#load()} found. */
public sealed interface LoadResult
    permits LoadResult.Missing, LoadResult.Loaded, LoadResult.Corrupt {

  /** There is no state file yet: a first run, which starts with a full resync. */
  record Missing() implements LoadResult {}

  /** The state file was read and every value in it is valid. */
  record Loaded(StoredState state) implements LoadResult {
    public Loaded {
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * The state file could not be parsed. It was renamed to {@code movedTo} (kept for inspection), so
   * the caller reports {@code reason} once and recovers with a full resync instead of failing on
   * every run.
   *
   * @param reason what was wrong and where, with any text from the file escaped
   * @param movedTo where the unreadable file now is
   */
  record Corrupt(String reason, Path movedTo) implements LoadResult {
    public Corrupt {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(movedTo, "movedTo");
    }
  }
}
