package io.github.apiban4j.internal.exec;

import java.io.IOException;

/**
 * Running a {@link Command} went wrong: the program is missing, failed, ran too long or said too
 * much. The message names the command line (never its input).
 */
public class CommandException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String command;

  CommandException(String command, String message) {
    this(command, message, null);
  }

  CommandException(String command, String message, Throwable cause) {
    super(message, cause);
    this.command = command;
  }

  /** The command line, as {@link Command#toString()} shows it. */
  public String command() {
    return command;
  }
}
