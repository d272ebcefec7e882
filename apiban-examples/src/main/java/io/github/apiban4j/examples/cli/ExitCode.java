package io.github.apiban4j.examples.cli;

import io.github.apiban4j.StateFileException;
import io.github.apiban4j.StateLockedException;
import io.github.apiban4j.StopReason;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.client.ApibanException;
import io.github.apiban4j.client.ApibanUnauthorizedException;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallPermissionException;
import java.nio.file.AccessDeniedException;

/** The exit statuses of the CLI, from sysexits.h. */
final class ExitCode {
  static final int OK = 0;
  static final int SOFTWARE = 1;
  static final int USAGE = 64;
  static final int UNAVAILABLE = 69;
  static final int TEMPORARY = 75;
  static final int NO_PERMISSION = 77;
  static final int CONFIG = 78;

  private ExitCode() {}

  /** The status for a run that returned: done, stopped early, or refused in a dry run. */
  static int of(SyncResult result) {
    if (result.complete()) {
      return OK;
    }
    return result.stopReason().orElse(null) == StopReason.SAFETY_VALVE ? SOFTWARE : TEMPORARY;
  }

  /** The status for a run that failed with {@code error}. */
  static int of(Throwable error) {
    if (error instanceof UsageException) {
      return USAGE;
    }
    if (error instanceof ApibanUnauthorizedException || error instanceof FirewallPermissionException
        || error instanceof AccessDeniedException
        || error instanceof StateFileException && error.getCause() instanceof AccessDeniedException) {
      return NO_PERMISSION;
    }
    if (error instanceof StateFileException && isDiskFull(error.getCause())) {
      return TEMPORARY; // the old state is intact; the next run, with space, goes on
    }
    // A bare IllegalArgumentException is a bug, not bad configuration: the configuration's are
    // turned into ConfigException where it is read, naming the option.
    if (error instanceof ConfigException || error instanceof StateFileException) {
      return CONFIG;
    }
    if (error instanceof BackendUnavailableException) {
      return UNAVAILABLE;
    }
    if (error instanceof StateLockedException
        || error instanceof ApibanException a && a.isTemporary()) {
      return TEMPORARY;
    }
    return SOFTWARE;
  }

  private static boolean isDiskFull(Throwable cause) {
    String text = cause == null ? null
        : cause instanceof java.nio.file.FileSystemException f && f.getReason() != null
            ? f.getReason() : cause.getMessage();
    return text != null && (text.contains("No space left on device")
        || text.contains("Disk quota exceeded"));
  }
}
