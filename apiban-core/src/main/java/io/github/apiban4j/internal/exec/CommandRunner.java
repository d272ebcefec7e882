package io.github.apiban4j.internal.exec;

import java.io.IOException;

/**
 * Runs {@link Command}s: the seam between the process-driving backends and the operating system.
 * Backends take a runner in their constructor so that their tests can hand them a fake that records
 * each command and its input and answers with canned output.
 *
 * <h2>Thread-safety</h2>
 * Implementations are safe for concurrent use unless they say otherwise.
 */
@FunctionalInterface
public interface CommandRunner {

  /**
   * Runs {@code command} to its end and returns how it ended. A non-zero exit status is a result,
   * not an exception; call {@link CommandResult#requireSuccess(String)} to make it one.
   *
   * @throws CommandNotFoundException if the program is not installed
   * @throws CommandTimeoutException if it ran past the command's time limit (it has been killed)
   * @throws CommandOutputLimitException if it wrote more than the runner captures (killed)
   * @throws java.io.InterruptedIOException if the calling thread was interrupted (the process has
   *     been killed and the thread's interrupt flag is set again)
   * @throws IOException if the process could not be started or its output not read
   */
  CommandResult run(Command command) throws IOException;

  /** The runner that starts real processes, with its default settings. */
  static CommandRunner system() {
    return ProcessCommandRunner.DEFAULT;
  }
}
