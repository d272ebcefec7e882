package io.github.apiban4j.examples.cli;

import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.spi.FirewallBackend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code apiban restore}: the sets and hook back from local state, without the network. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Puts the sets and hook back from local state, without the network.",
    description = {
        "Puts the backend's sets and hook back from the local state, with no request and no key: "
            + "for a boot unit ordered before the network comes up, and after a firewall reload "
            + "that wiped them. Entries are restored as the sync would keep them (unexpired, "
            + "pinned, not allowlisted or unbanned). Without a state it only creates the hook and "
            + "empty sets."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  apiban restore",
        "  apiban restore --backend nftables --state /var/lib/apiban4j/state.json",
        "",
        "Exit status: 0 done; 75 another run holds the state; 77 no permission; 69 backend "
            + "unavailable; 78 bad configuration; 1 anything else."})
final class RestoreCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  private final CliContext context;

  RestoreCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try (EventLogged logged = EventLogged.open(options, context)) {
      Settings settings = logged.settings();
      LocalState local = LocalState.read(settings.statePath());
      try (FirewallBackend backend = settings.openBackend()) {
        if (local.state().isEmpty()) {
          boolean created = backend.prepare();
          String text = local.problem().orElseThrow() + "; " + (created
              ? "created the " + backend.name() + " backend's hook and empty sets"
              : "the " + backend.name() + " backend's hook and sets are in place")
              + ", nothing to restore";
          logged.log().event("restore: " + text);
          context.out().println(text);
          return ExitCode.OK;
        }
        try (BlocklistSync sync = settings.sync(logged.log().track(backend), null)
            .listener(logged.log()).build()) {
          SyncResult r = sync.run();
          context.out().println("restored " + Words.entries(r.repaired()) + " from "
              + local.path() + ", removed " + r.removed() + " no longer wanted; the "
              + backend.name() + " backend enforces " + Words.entries(r.liveSize()));
          return ExitCode.OK;
        }
      }
    } catch (Exception e) {
      return Failure.report(context, e);
    }
  }
}
