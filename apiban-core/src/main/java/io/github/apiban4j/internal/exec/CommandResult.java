package io.github.apiban4j.internal.exec;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * How a {@link Command} ended: its exit status and everything it wrote to stdout and stderr.
 *
 * <h2>Thread-safety</h2>
 * Immutable. The text views decode on each call; a caller that parses a large listing reads
 * {@link #stdoutStream()} once instead.
 */
public final class CommandResult {
  /** Longest stderr quoted in a message; a tool's first complaint is the one that matters. */
  static final int SUMMARY_CHARS = 2000;

  private final Command command;
  private final int exitCode;
  private final byte[] stdout;
  private final byte[] stderr;

  /** Takes ownership of the arrays: the runner hands over its buffers without a copy. */
  CommandResult(Command command, int exitCode, byte[] stdout, byte[] stderr) {
    this.command = Objects.requireNonNull(command, "command");
    this.exitCode = exitCode;
    this.stdout = Objects.requireNonNull(stdout, "stdout");
    this.stderr = Objects.requireNonNull(stderr, "stderr");
  }

  /** A result with the given output as UTF-8, for fake runners in tests. */
  public static CommandResult of(Command command, int exitCode, String stdout, String stderr) {
    return new CommandResult(command, exitCode, stdout.getBytes(StandardCharsets.UTF_8),
        stderr.getBytes(StandardCharsets.UTF_8));
  }

  /** The command that ran. */
  public Command command() {
    return command;
  }

  /** The exit status: 0 for success; 128 + N if the program died of signal N. */
  public int exitCode() {
    return exitCode;
  }

  /** Whether the exit status is 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** A copy of standard output. */
  public byte[] stdoutBytes() {
    return stdout.clone();
  }

  /** Standard output as a stream over the captured bytes, without a copy. */
  public InputStream stdoutStream() {
    return new ByteArrayInputStream(stdout);
  }

  /** The number of bytes of standard output. */
  public int stdoutLength() {
    return stdout.length;
  }

  /** Standard output decoded as UTF-8 (the tools write ASCII under {@code LC_ALL=C}). */
  public String stdout() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Standard error decoded as UTF-8, complete. */
  public String stderr() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  /**
   * Standard error stripped of surrounding blank space and cut to {@value #SUMMARY_CHARS}
   * characters, for a message.
   */
  public String stderrSummary() {
    String text = stderr().strip();
    if (text.length() <= SUMMARY_CHARS) {
      return text;
    }
    return text.substring(0, SUMMARY_CHARS) + "… (" + (text.length() - SUMMARY_CHARS)
        + " more characters)";
  }

  /**
   * Returns this result if the program succeeded.
   *
   * @param what what the command was for, for the message: {@code "adding 12 addresses to apiban4"}
   * @throws CommandFailedException with the exit status and the tool's stderr otherwise
   */
  public CommandResult requireSuccess(String what) throws CommandFailedException {
    if (exitCode != 0) {
      throw new CommandFailedException(what, this);
    }
    return this;
  }

  /**
   * Whether the program failed for want of privilege: it exited non-zero and said so in the words
   * the kernel's {@code EPERM}/{@code EACCES} take under {@code LC_ALL=C}, or in iptables' own.
   */
  public boolean permissionDenied() {
    return exitCode != 0 && mentionsPermission(stderr());
  }

  /** Whether {@code stderr} is a complaint about missing privilege. */
  static boolean mentionsPermission(String stderr) {
    String s = stderr.toLowerCase(Locale.ROOT);
    return s.contains("operation not permitted")
        || s.contains("permission denied")
        || s.contains("you must be root")
        || s.contains("must be run as root");
  }

  @Override
  public String toString() {
    return command + " -> exit " + exitCode + ", " + stdout.length + " bytes out, "
        + stderr.length + " bytes err";
  }
}
