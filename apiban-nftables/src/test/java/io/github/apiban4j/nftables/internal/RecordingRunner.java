package io.github.apiban4j.nftables.internal;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A runner that starts nothing: it records every command and answers from a script of replies,
 * by the command's arguments ({@code -j -f -}, {@code -j -t list table inet apiban}, …).
 */
final class RecordingRunner implements CommandRunner {
  static final String VERSION = "nftables v1.0.6 (Lester Gooch #5)\n";

  final List<Command> commands = new ArrayList<>();
  private final Map<String, Deque<Function<Command, CommandResult>>> replies =
      new java.util.HashMap<>();

  /** Answers the next command whose arguments join to {@code args} with {@code reply}. */
  RecordingRunner on(String args, int exit, String stdout, String stderr) {
    replies.computeIfAbsent(args, k -> new ArrayDeque<>())
        .add(c -> CommandResult.of(c, exit, stdout, stderr));
    return this;
  }

  @Override
  public CommandResult run(Command command) {
    commands.add(command);
    String args = String.join(" ", command.arguments());
    if (args.equals("--version")) {
      return CommandResult.of(command, 0, VERSION, "");
    }
    Deque<Function<Command, CommandResult>> queue = replies.get(args);
    if (queue == null || queue.isEmpty()) {
      if (args.equals("-j -f -")) {
        return CommandResult.of(command, 0, "", "");
      }
      throw new AssertionError("unexpected command " + command);
    }
    return queue.poll().apply(command);
  }

  /** The standard input of every transaction, as text, in order. */
  List<String> transactions() {
    return commands.stream().filter(c -> c.arguments().contains("-f"))
        .map(c -> new String(c.stdin(), StandardCharsets.UTF_8)).toList();
  }

  /** Every command's full argument vector, namespace wrapper included. */
  List<List<String>> argvs() {
    return commands.stream().map(Command::argv).toList();
  }
}
