package io.github.apiban4j.internal.exec;

import java.time.Duration;

/**
 * The program ran past its time limit and has been killed (and reaped) before this is thrown. A
 * firewall tool that is killed mid-way has applied its transaction wholly or not at all; the caller
 * should read the state back rather than assume either.
 */
public final class CommandTimeoutException extends CommandException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;
  private final long pid;

  CommandTimeoutException(String command, Duration timeout, long pid) {
    super(command, command + " did not finish within " + timeout.toMillis()
        + " ms and was killed");
    this.timeout = timeout;
    this.pid = pid;
  }

  /** The time limit that was exceeded. */
  public Duration timeout() {
    return timeout;
  }

  /** The process id the program had; it no longer runs. */
  public long pid() {
    return pid;
  }
}
