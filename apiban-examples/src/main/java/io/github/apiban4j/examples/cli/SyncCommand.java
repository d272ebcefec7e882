package io.github.apiban4j.examples.cli;

import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.SyncOptions;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.spi.FirewallBackend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apiban sync}: one run of the sync, then exit with a status a scheduler can act on. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Fetches new bans and applies them to the firewall, once.",
    description = {
        "Fetches new APIBAN bans from the stored cursor, applies them to the firewall backend and "
            + "stores the cursor. Repairs the backend from local state first.",
        "The key comes from --key-file, the APIBAN_KEY environment variable or the config file; "
            + "never from an argument."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  apiban sync                                  # the configured backend and state",
        "  apiban sync --backend nftables --allow 198.51.100.0/24",
        "  apiban sync --dry-run --json                 # what would change, as JSON",
        "  apiban sync --full                           # read the whole feed again",
        "",
        "Exit status: 0 done; 75 stopped early or temporary failure (progress kept); 77 no "
            + "permission or bad key; 69 backend unavailable; 78 bad configuration; 64 bad usage; "
            + "1 anything else."})
final class SyncCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--full", description = "Read the whole feed again (never empties the set)")
  boolean full;

  @Option(names = "--dry-run", description = "Compute and report everything; change nothing")
  boolean dryRun;

  @Option(names = "--force", description = "Apply even what a safety valve refuses")
  boolean force;

  @Option(names = "--json", description = "Print the summary as one JSON object on stdout")
  boolean json;

  private final CliContext context;

  SyncCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String backendName = options.backend == null ? "auto" : options.backend;
    EventLog log = EventLog.none();
    try {
      Settings settings = Settings.resolve(options, context);
      backendName = settings.backendName();
      if (settings.log().isPresent()) {
        log = EventLog.toFile(settings.log().get(), context.clock());
      }
      ApibanClient client = settings.client();
      try (FirewallBackend target = settings.openBackend();
          BlocklistSync sync = settings.sync(log.track(target), client)
              .listener(Listeners.of(log, new Progress(context.err(), context.terminal())))
              .build()) {
        SyncResult result = sync.run(new SyncOptions(full, dryRun, force));
        context.out().println(json ? JsonReport.of(result) : result.summary());
        return ExitCode.of(result);
      }
    } catch (Exception e) {
      int code = Failure.report(context, e);
      log.error(e);
      if (json) {
        context.out().println(JsonReport.error(Failure.message(e), code, backendName, dryRun));
      }
      return code;
    } finally {
      log.close();
    }
  }
}
