package io.github.apiban4j.bench;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Runs the firewall tools, the same way the backends do (through core's command runner). */
final class Tools {
  /** Long enough for the slowest batch measured: 100,000 {@code -D} lines take about 25 s. */
  static final Duration LIMIT = Duration.ofMinutes(5);
  private static final CommandRunner RUNNER = CommandRunner.system();

  private Tools() {}

  /** Runs {@code program args} and returns its output; fails unless it exits with 0. */
  static String run(String program, String... args) throws IOException {
    return run(Command.of(program, args).withTimeout(LIMIT));
  }

  /** Runs {@code command} and returns its output; fails unless it exits with 0. */
  static String run(Command command) throws IOException {
    return RUNNER.run(command).requireSuccess(command.program() + " "
        + String.join(" ", command.arguments())).stdout();
  }

  /** A step that runs {@code program args} with {@code input}, encoded now, on its stdin. */
  static Side.Step feeding(CharSequence input, String program, String... args) {
    Command command = Command.of(program, args).withTimeout(LIMIT)
        .withStdin(input.toString().getBytes(StandardCharsets.US_ASCII));
    return () -> run(command);
  }
}
