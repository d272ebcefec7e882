package io.github.apiban4j.internal.exec;

/**
 * The program wrote more than the runner captures; it has been killed. A listing that large means
 * the set holds far more than anything the backend put there, or the program is misbehaving.
 */
public final class CommandOutputLimitException extends CommandException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  CommandOutputLimitException(String command, long limit) {
    super(command, command + " wrote more than " + limit
        + " bytes of output and was killed; raise the runner's output limit if this is expected");
    this.limit = limit;
  }

  /** The number of bytes of stdout and stderr together that the runner captures at most. */
  public long limit() {
    return limit;
  }
}
