package io.github.apiban4j.examples.cli;

import io.github.apiban4j.internal.state.StateFile;
import io.github.apiban4j.internal.state.StateLock;
import io.github.apiban4j.spi.FirewallBackend;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apiban uninstall}: removes what the backend created; the state too with --purge. */
@Command(name = "uninstall", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Removes what the backend created; the state too with --purge.",
    description = {
        "Removes everything the chosen backend created (its sets, tables, chains and hook rule) "
            + "and nothing else. The state file stays, so a later sync or restore puts everything "
            + "back without a full download, unless --purge."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  apiban uninstall --backend nftables",
        "  apiban uninstall --purge          # also delete the state file",
        "",
        "Exit status: 0 done; 75 another run holds the state; 77 no permission; 69 backend "
            + "unavailable; 78 bad configuration; 1 anything else."})
final class UninstallCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--purge", description = "Also delete the state file (cursor, last-seen "
      + "times, unbans and pins)")
  boolean purge;

  private final CliContext context;

  UninstallCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try (EventLogged logged = EventLogged.open(options, context)) {
      Settings settings = logged.settings();
      StateFile state = new StateFile(settings.statePath());
      // Under the state lock, so that no sync re-creates what is being removed.
      try (StateLock lock = state.lock(); FirewallBackend backend = settings.openBackend()) {
        backend.uninstall();
        String text = "removed what the " + backend.name() + " backend created";
        if (purge) {
          boolean existed = Files.deleteIfExists(state.path());
          text += existed ? "; deleted " + state.path() : "; there was no state at " + state.path();
        } else {
          text += "; kept " + state.path() + " (--purge deletes it)";
        }
        logged.log().event("uninstall: " + text);
        context.out().println(text);
      }
      // The empty lock file stays: deleting it would let a process still waiting on the old file
      // and one creating a new file both believe they hold the lock.
      return ExitCode.OK;
    } catch (Exception e) {
      return Failure.report(context, e);
    }
  }
}
