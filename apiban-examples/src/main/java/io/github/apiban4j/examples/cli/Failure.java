package io.github.apiban4j.examples.cli;

import io.github.apiban4j.SafetyValveException;
import io.github.apiban4j.StateLockedException;
import io.github.apiban4j.client.ApibanException;
import io.github.apiban4j.client.ApibanUnauthorizedException;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallPermissionException;

/** How a failed command reports: one line saying what happened, one hint, an exit status. */
final class Failure {
  private Failure() {}

  /** Prints {@code e} and its hint to standard error; returns the exit status. */
  static int report(CliContext context, Throwable e) {
    context.err().println("apiban: " + message(e));
    String hint = hint(e);
    if (hint != null) {
      context.err().println("apiban: hint: " + hint);
    }
    return ExitCode.of(e);
  }

  /** The exception's message on one line, or its type if it has none. */
  static String message(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.replace('\n', ' ').replace('\r', ' ');
  }

  /** What to do next, or {@code null} when the message already says it. */
  static String hint(Throwable e) {
    if (e instanceof UsageException) {
      return "see 'apiban COMMAND --help'";
    }
    if (e instanceof ConfigException) {
      return "see 'apiban COMMAND --help' and the configuration reference in README.md";
    }
    if (e instanceof BackendUnavailableException) {
      return "'apiban doctor' shows which backends can run here and why";
    }
    if (e instanceof FirewallPermissionException) {
      return "run as root, or grant CAP_NET_ADMIN (systemd: AmbientCapabilities=CAP_NET_ADMIN)";
    }
    if (e instanceof ApibanUnauthorizedException) {
      return "check the key; a new one comes from https://apiban.org/getkey.html";
    }
    if (e instanceof StateLockedException) {
      return "another apiban run holds the state; try again when it has finished";
    }
    if (e instanceof SafetyValveException) {
      return "nothing was applied; rerun with --force if the change is expected";
    }
    if (e instanceof ApibanException a && a.isTemporary()) {
      return "progress is kept; the next run resumes";
    }
    return null;
  }
}
