package io.github.apiban4j.examples.cli;

import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.OverrideResult;
import io.github.apiban4j.RefusalReason;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code apiban unban} and {@code apiban pin}: a local decision about one entry, stored in the
 * state (so every later sync honours it) and applied to the backend at once, from local state,
 * through {@link BlocklistSync#unban}, {@link BlocklistSync#pin} and {@link BlocklistSync#withdraw}.
 */
abstract class OverrideCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Parameters(index = "0", paramLabel = "IP|CIDR", description = "The address or prefix")
  String target;

  @Option(names = "--undo", description = "Withdraw the decision; the feed decides again")
  boolean undo;

  /**
   * One kind of decision.
   *
   * @param verb what was decided, for messages: "unbanned", "pinned"
   * @param meaning what the decision means
   * @param bans whether it bans, and so must yield to the allowlist
   * @param decide makes the decision through the library
   */
  record Decision(String verb, String meaning, boolean bans, Action decide) {}

  interface Action {
    OverrideResult apply(BlocklistSync sync, IpPrefix entry) throws IOException;
  }

  private final CliContext context;
  private final Decision decision;

  OverrideCommand(CliContext context, Decision decision) {
    this.context = context;
    this.decision = decision;
  }

  @Override
  public Integer call() {
    try (EventLogged logged = EventLogged.open(options, context)) {
      IpPrefix entry = CheckCommand.parse(target);
      Settings settings = logged.settings();
      Optional<RefusalReason> protectedBy = settings.allowlist().refusal(entry);
      if (!undo && decision.bans() && protectedBy.isPresent()) {
        // Asked before the backend is opened: the answer does not depend on it.
        throw new UsageException("refused to pin " + entry + ": the allowlist protects it ("
            + protectedBy.get().key() + "), and the allowlist always wins");
      }
      try (FirewallBackend backend = settings.openBackend();
          BlocklistSync local = settings.sync(logged.log().track(backend), null)
              .listener(logged.log()).build()) {
        OverrideResult r = undo ? local.withdraw(entry) : decision.decide().apply(local, entry);
        String text = (undo ? "withdrew: " + entry + " is no longer " + decision.verb()
            : entry + " " + decision.verb() + ": " + decision.meaning())
            + (r.changed() ? "" : " (it already was)");
        logged.log().event(text);
        SyncResult run = r.enforcement();
        context.out().println(text + "; the " + backend.name() + " backend now enforces "
            + Words.entries(run.liveSize()) + " (+" + run.added() + " -" + run.removed() + ")");
      }
      return ExitCode.OK;
    } catch (Exception e) {
      return Failure.report(context, e);
    }
  }

  /** {@code apiban unban}. */
  @Command(name = "unban", mixinStandardHelpOptions = true, sortOptions = false,
      header = "Never bans an address or prefix again (a false positive).",
      description = {
          "Never bans this address or prefix again, whatever the feed says (a false positive): "
              + "removes it, and any entry overlapping it, from the backend now, and refuses it "
              + "on every later sync. Stored in the state file; 'apiban status' and 'apiban list' "
              + "show it."},
      footerHeading = "%nExamples:%n",
      footer = {
          "  apiban unban 198.51.100.7",
          "  apiban unban 203.0.113.0/24        # a customer's network",
          "  apiban unban --undo 198.51.100.7   # the feed decides again",
          "",
          "Exit status: 0 done; 64 bad usage; 75 another run holds the state; 77 no permission; "
              + "69 backend unavailable; 78 bad configuration."})
  static final class UnbanCommand extends OverrideCommand {
    UnbanCommand(CliContext context) {
      super(context, new Decision("unbanned", "never blocked, whatever the feed says", false,
          BlocklistSync::unban));
    }
  }

  /** {@code apiban pin}. */
  @Command(name = "pin", mixinStandardHelpOptions = true, sortOptions = false,
      header = "Always bans an address or prefix, whatever the feed says.",
      description = {
          "Always bans this address or prefix, whatever the feed says, and never lets it expire: "
              + "adds it to the backend now and keeps it on every later sync. The allowlist still "
              + "wins. Stored in the state file; 'apiban status' and 'apiban list' show it."},
      footerHeading = "%nExamples:%n",
      footer = {
          "  apiban pin 203.0.113.50",
          "  apiban pin 2001:db8:bad::/48",
          "  apiban pin --undo 203.0.113.50     # the feed decides again",
          "",
          "Exit status: 0 done; 64 bad usage (or an allowlisted entry); 75 another run holds the "
              + "state; 77 no permission; 69 backend unavailable; 78 bad configuration."})
  static final class PinCommand extends OverrideCommand {
    PinCommand(CliContext context) {
      super(context, new Decision("pinned", "always blocked and never expires", true,
          BlocklistSync::pin));
    }
  }
}
