package io.github.apiban4j.testkit;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CommandRunner} that records every command it is given, with its input, and hands it on:
 * to a real runner (to count the processes a backend starts and read what it wrote) or to canned
 * answers (to test a backend's input byte for byte without a kernel).
 *
 * <pre>{@code
 * RecordingCommandRunner runner = RecordingCommandRunner.answering(c ->
 *     c.program().equals("iptables-save") ? "*raw\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n" : "");
 * ... backend under test ...
 * assertThat(runner.stdins()).containsExactly("*raw\n...COMMIT\n");
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Safe for concurrent use.
 */
public final class RecordingCommandRunner implements CommandRunner {
  /** Decides how a command ends. */
  @FunctionalInterface
  public interface Answer {
    CommandResult run(Command command) throws IOException;
  }

  /** Decides what a command that succeeds prints on stdout. */
  @FunctionalInterface
  public interface Stdout {
    String of(Command command) throws IOException;
  }

  private final Answer answer;
  private final List<Command> commands = new ArrayList<>();

  private RecordingCommandRunner(Answer answer) {
    this.answer = answer;
  }

  /** Records, then runs each command with {@code real}. */
  public static RecordingCommandRunner wrapping(CommandRunner real) {
    return new RecordingCommandRunner(real::run);
  }

  /** Records, then answers each command with {@code answer}. */
  public static RecordingCommandRunner answering(Answer answer) {
    return new RecordingCommandRunner(answer);
  }

  /** Records, then lets each command succeed with the stdout {@code stdout} gives for it. */
  public static RecordingCommandRunner succeeding(Stdout stdout) {
    return new RecordingCommandRunner(c -> CommandResult.of(c, 0, stdout.of(c), ""));
  }

  @Override
  public CommandResult run(Command command) throws IOException {
    synchronized (commands) {
      commands.add(command);
    }
    return answer.run(command);
  }

  /** Every command so far, in order. */
  public List<Command> commands() {
    synchronized (commands) {
      return List.copyOf(commands);
    }
  }

  /** The commands so far whose program is {@code program}. */
  public List<Command> commands(String program) {
    return commands().stream().filter(c -> c.program().equals(program)).toList();
  }

  /** The input of every command so far that had one, as UTF-8, in order. */
  public List<String> stdins() {
    return commands().stream().filter(c -> c.stdinLength() > 0)
        .map(c -> new String(c.stdin(), StandardCharsets.UTF_8)).toList();
  }

  /** Every command so far as its argument vector joined by spaces (wrapper included). */
  public List<String> commandLines() {
    return commands().stream().map(c -> String.join(" ", c.argv())).toList();
  }

  /** Forgets what was recorded. */
  public void clear() {
    synchronized (commands) {
      commands.clear();
    }
  }
}
