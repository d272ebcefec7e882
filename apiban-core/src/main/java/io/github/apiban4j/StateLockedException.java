package io.github.apiban4j;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Another run holds the lock on the state file, so this one must not touch the state or the
 * firewall (two runs never interleave). The message names the state file and, when the holder
 * recorded them, its process id and start time.
 */
public class StateLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path stateFile;
  private final transient Path lockFile;
  private final long holderPid;
  private final transient Instant since;

  /**
   * @param stateFile the state file the lock guards
   * @param lockFile the lock file itself
   * @param holderPid the holder's process id, if it recorded one
   * @param since when the holder took the lock, or {@code null} if unknown
   */
  public StateLockedException(Path stateFile, Path lockFile, OptionalLong holderPid,
      Instant since) {
    super("another apiban4j run holds the lock on " + stateFile + " (" + describe(holderPid, since)
        + "); it ends on its own, or stop it first");
    this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
    this.lockFile = Objects.requireNonNull(lockFile, "lockFile");
    this.holderPid = holderPid.orElse(-1);
    this.since = since;
  }

  private static String describe(OptionalLong pid, Instant since) {
    if (pid.isEmpty()) {
      return "holder unknown";
    }
    // The same JVM can hold the lock too (two syncs on one state file in one application).
    String who = pid.getAsLong() == ProcessHandle.current().pid()
        ? "pid " + pid.getAsLong() + ", this process" : "pid " + pid.getAsLong();
    return since == null ? who : who + ", since " + since;
  }

  /** The state file the lock guards. */
  public Path stateFile() {
    return stateFile;
  }

  /** The lock file ({@code <state file>.lock}). */
  public Path lockFile() {
    return lockFile;
  }

  /** The holder's process id, if it recorded one. */
  public OptionalLong holderPid() {
    return holderPid < 0 ? OptionalLong.empty() : OptionalLong.of(holderPid);
  }

  /** When the holder took the lock, if it recorded it. */
  public Optional<Instant> since() {
    return Optional.ofNullable(since);
  }
}
