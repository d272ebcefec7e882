package io.github.apiban4j.nftables.internal;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.testkit.RecordingCommandRunner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a fake {@code nft} answers, for {@link RecordingCommandRunner#answering}: a supported
 * version, the replies queued for a command's arguments ({@code -j -t list table inet apiban}, …)
 * in order, and success for any other transaction. Any other command fails the test.
 */
final class NftReplies implements RecordingCommandRunner.Answer {
  static final String VERSION = "nftables v1.0.6 (Lester Gooch #5)\n";
  static final String TRANSACTION = "-j -f -";

  private final Map<String, Deque<Function<Command, CommandResult>>> replies = new HashMap<>();

  /** Answers the next command whose arguments join to {@code args} with this reply. */
  NftReplies on(String args, int exit, String stdout, String stderr) {
    replies.computeIfAbsent(args, k -> new ArrayDeque<>()).add(c -> CommandResult.of(c, exit,
        stdout, stderr));
    return this;
  }

  @Override
  public CommandResult run(Command command) {
    String args = String.join(" ", command.arguments());
    Deque<Function<Command, CommandResult>> queue = replies.get(args);
    if (queue != null && !queue.isEmpty()) {
      return queue.poll().apply(command);
    }
    if (args.equals("--version")) {
      return CommandResult.of(command, 0, VERSION, "");
    }
    if (args.equals(TRANSACTION)) {
      return CommandResult.of(command, 0, "", "");
    }
    throw new AssertionError("unexpected command " + command);
  }
}
