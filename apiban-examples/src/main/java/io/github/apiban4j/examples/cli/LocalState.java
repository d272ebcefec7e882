package io.github.apiban4j.examples.cli;

import io.github.apiban4j.internal.state.LoadResult;
import io.github.apiban4j.internal.state.StateFile;
import io.github.apiban4j.internal.state.StoredState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The state file read for display, without a lock and without changing anything (a corrupt file
 * stays where it is; the next sync sets it aside).
 *
 * @param path the state file
 * @param result what was found
 */
record LocalState(Path path, LoadResult result) {

  static LocalState read(Path path) throws IOException {
    return new LocalState(path, new StateFile(path).load(false));
  }

  /** The state, if the file exists and is valid. */
  Optional<StoredState> state() {
    return result instanceof LoadResult.Loaded l ? Optional.of(l.state()) : Optional.empty();
  }

  /** What is wrong with the file, if it is missing or corrupt. */
  Optional<String> problem() {
    if (result instanceof LoadResult.Missing) {
      return Optional.of("no state file at " + path + " yet: no sync has run with it");
    }
    if (result instanceof LoadResult.Corrupt c) {
      return Optional.of("state file " + path + " is unusable (" + c.reason()
          + "); the next sync sets it aside and reads the whole feed again");
    }
    return Optional.empty();
  }
}
