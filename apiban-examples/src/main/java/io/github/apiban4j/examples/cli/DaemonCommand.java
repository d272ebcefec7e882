package io.github.apiban4j.examples.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code apiban daemon}: restore, sync now, then on a schedule until SIGTERM. */
@Command(name = "daemon", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Restores from local state, syncs now, then every interval until stopped.",
    description = {
        "Starts by restoring the sets and hook from the local state (no network needed), syncs at "
            + "once, then every --interval plus a random jitter of at most --jitter of it. After "
            + "failures the delay doubles, up to an hour. Every sync checks the hook and sets "
            + "first, so a firewalld or Docker reload that wiped them is repaired within one "
            + "interval. SIGHUP reloads the configuration. SIGTERM or SIGINT lets a run in "
            + "progress finish (or, after a grace period, stops it at a safe point), leaves the "
            + "bans in place and exits 0.",
        "Events go to --log FILE, or to standard error (the journal, under systemd)."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  apiban daemon",
        "  apiban daemon --interval 10m --metrics 127.0.0.1:9464",
        "  apiban daemon --log /var/log/apiban4j.log    # kill -HUP PID reloads the config",
        "",
        "Exit status: 0 stopped by a signal; 77 no permission or bad key; 69 backend "
            + "unavailable; 78 bad configuration; 64 bad usage."})
final class DaemonCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--interval", paramLabel = "DURATION",
      description = "Time between syncs (default 5m; config key interval)")
  String interval;

  @Option(names = "--jitter", paramLabel = "FRACTION",
      description = "Largest random delay added to each wait, as a fraction of it (default 0.1,"
          + " at most 0.5)")
  double jitter = 0.1;

  @Option(names = "--metrics", paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics, on a loopback address "
          + "only, e.g. 127.0.0.1:9464 (config key metrics)")
  String metricsAddress;

  @Option(names = "--grace", paramLabel = "DURATION", description = "How long a stop waits for a "
      + "run in progress before interrupting it (default 20s)")
  String grace = "20s";

  private final CliContext context;

  DaemonCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    EventLog log = EventLog.none();
    boolean fileLog = false;
    try {
      if (jitter < 0 || jitter > 0.5) {
        throw new UsageException("--jitter must be between 0 and 0.5, not " + jitter);
      }
      Duration stopGrace = Settings.duration("--grace", grace);
      Settings first = Settings.resolve(options, context);
      first.interval(interval); // checked now, before anything starts
      fileLog = first.log().isPresent();
      log = fileLog ? EventLog.toFile(first.log().get(), context.clock())
          : EventLog.to(context.err(), context.clock());
      Metrics metrics = new Metrics();
      Optional<String> metricsAt = first.metrics(metricsAddress);
      EventLog events = log;
      // The first engine takes the settings just resolved (their warnings are said once); a
      // reload resolves them afresh.
      AtomicReference<Settings> unused = new AtomicReference<>(first);
      DaemonLoop loop = new DaemonLoop(() -> {
        Settings settings = unused.getAndSet(null);
        return DaemonEngine.open(settings != null ? settings : Settings.resolve(options, context),
            interval, jitter, events, metrics, context.clock());
      },
          new MonitorWaiter(), () -> ThreadLocalRandom.current().nextDouble(), log, metrics,
          stopGrace);
      try (MetricsServer server = metricsAt.isPresent()
          ? MetricsServer.start(metricsAt.get(), metrics) : null) {
        if (server != null) {
          log.event("metrics at http://" + server.address().getHostString() + ":"
              + server.address().getPort() + "/metrics");
        }
        Signal.handle(new Signal("TERM"), s -> loop.requestStop());
        Signal.handle(new Signal("INT"), s -> loop.requestStop());
        Signal.handle(new Signal("HUP"), s -> loop.requestReload());
        return loop.run();
      }
    } catch (Exception e) {
      if (fileLog) {
        log.error(e); // standard error gets it below
      }
      return Failure.report(context, e);
    } finally {
      log.close();
    }
  }

}
