package io.github.apiban4j.internal.exec;

/**
 * The program ran and exited with a non-zero status. Carries the status and what the program wrote
 * to stderr, trimmed for a message, so that a backend can quote the tool's own words.
 */
public final class CommandFailedException extends CommandException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String stderr;
  private final boolean permissionDenied;

  CommandFailedException(String what, CommandResult result) {
    super(result.command().toString(), what + " failed: " + result.command()
        + " exited with status " + result.exitCode()
        + (result.stderrSummary().isEmpty() ? "" : ": " + result.stderrSummary()));
    this.exitCode = result.exitCode();
    this.stderr = result.stderrSummary();
    this.permissionDenied = result.permissionDenied();
  }

  /** The program's exit status. */
  public int exitCode() {
    return exitCode;
  }

  /** What the program wrote to stderr, trimmed (see {@link CommandResult#stderrSummary()}). */
  public String stderr() {
    return stderr;
  }

  /**
   * Whether the program failed for want of privilege, so that a backend can raise its permission
   * error instead of a generic one. See {@link CommandResult#permissionDenied()}.
   */
  public boolean permissionDenied() {
    return permissionDenied;
  }
}
