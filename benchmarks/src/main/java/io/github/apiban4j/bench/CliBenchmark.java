package io.github.apiban4j.bench;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.internal.exec.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged CLI end to end: {@code apiban sync} of a {@value Plan#LARGE}-address local feed,
 * without rate limit, into each backend in a fresh namespace ({@code --backend-option
 * namespace=NAME}), started as the systemd unit starts it; then a second sync, which finds nothing
 * new and must change nothing in the kernel. Checked by comparing the namespace's listings ({@code
 * ipset list}, {@code nft -a list ruleset}, {@code iptables-save -c}, {@code ip6tables-save -c})
 * before and after, and by counting the nf_tables events {@code nft monitor} reports meanwhile
 * (iptables-nft's rule changes are nf_tables events too; ipset's are not, so for the sets the
 * listings, with each set's random {@code initval}, are the evidence).
 */
final class CliBenchmark {
  /** The JVM options of the systemd units shipped with the CLI. */
  static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xss512k");
  private static final String KEY = "BENCHKEY0123456789abcdef";
  private static final Pattern ADDED = Pattern.compile("\"added\":(\\d+)");
  private static final Pattern CHANGED =
      Pattern.compile("\"(added|removed|expired|repaired)\":(\\d+)");

  private final Path cliJar;
  private final Plan plan;
  private final Progress progress;
  private final Path dir;

  CliBenchmark(Path cliJar, Plan plan, Progress progress, Path dir) {
    this.cliJar = cliJar;
    this.plan = plan;
    this.progress = progress;
    this.dir = dir;
  }

  List<CliResult> run() throws IOException, InterruptedException {
    AddressSet entries = new Plan.Dataset("ipv4", Plan.LARGE).addresses();
    List<CliResult> results = new ArrayList<>();
    try (FakeFeed feed = FakeFeed.start(entries)) {
      feed.warmUp();
      for (Pair pair : Pair.values()) {
        results.add(measure(feed, entries.size(), pair));
      }
    }
    return results;
  }

  private CliResult measure(FakeFeed feed, int entries, Pair backend)
      throws IOException, InterruptedException {
    List<ChildProcess> firsts = new ArrayList<>();
    List<ChildProcess> seconds = new ArrayList<>();
    boolean unchanged = true;
    int events = 0;
    for (int r = 0; r < plan.cliRuns(); r++) {
      progress.say("CLI sync of " + entries + " into " + backend.contender + ", run " + (r + 1)
          + " of " + plan.cliRuns());
      try (BenchNamespace ns = BenchNamespace.create()) {
        Path state = Files.createTempDirectory(dir, "cli-");
        ChildProcess first = sync(feed, backend, ns, state, "first");
        requireSuccess(first, backend.contender, "first");
        Matcher added = ADDED.matcher(first.stdout());
        if (!added.find() || Integer.parseInt(added.group(1)) != entries) {
          throw new IOException("the first sync into " + backend.contender + " did not add "
              + entries + " entries: " + first.stdout().strip());
        }
        firsts.add(first);
        progress.say(String.format(java.util.Locale.ROOT, "first sync: %.0f ms, peak RSS %.0f MiB",
            first.wallMs(), first.peakRssMb()));
        String before = listings(ns);
        ChildProcess second;
        try (NftMonitor monitor = NftMonitor.start(ns, state)) {
          second = sync(feed, backend, ns, state, "second");
          int seen = monitor.eventsSoFar();
          events += seen;
          unchanged &= seen == 0;
        }
        requireSuccess(second, backend.contender, "second");
        unchanged &= listings(ns).equals(before) && nothingChanged(second.stdout());
        seconds.add(second);
        progress.say(String.format(java.util.Locale.ROOT, "second sync: %.0f ms, peak RSS %.0f MiB,"
            + " kernel unchanged: %s", second.wallMs(), second.peakRssMb(), unchanged));
      }
    }
    return new CliResult(backend.contender, entries,
        firsts.stream().mapToDouble(ChildProcess::wallMs).toArray(),
        firsts.stream().mapToDouble(ChildProcess::peakRssMb).toArray(),
        seconds.stream().mapToDouble(ChildProcess::wallMs).toArray(),
        seconds.stream().mapToDouble(ChildProcess::peakRssMb).toArray(), unchanged, events);
  }

  private ChildProcess sync(FakeFeed feed, Pair backend, BenchNamespace ns, Path state,
      String name) throws IOException, InterruptedException {
    Path config = state.resolve("config.json");
    if (!Files.exists(config)) {
      Files.writeString(config, "{}\n"); // so that no config file of this host is read
    }
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(JVM_OPTIONS);
    argv.addAll(List.of("-jar", cliJar.toString(), "sync", "--json", "--config",
        config.toString(), "--backend", backend.backend, "--backend-option",
        "namespace=" + ns.name()));
    backend.options.forEach((k, v) -> argv.addAll(List.of("--backend-option", k + "=" + v)));
    argv.addAll(List.of("--api-url", feed.baseUrl(), "--rate-limit", "0", "--state",
        state.resolve("state.json").toString()));
    return ChildProcess.run(argv, Map.of("APIBAN_KEY", KEY), state, name, 600);
  }

  private static void requireSuccess(ChildProcess run, String backend, String which)
      throws IOException {
    if (run.exitCode() != 0) {
      throw new IOException("the " + which + " CLI sync into " + backend + " exited with "
          + run.exitCode() + ": " + run.stderr().strip());
    }
  }

  /** Whether the sync's JSON summary reports no addition, removal, expiry or repair. */
  private static boolean nothingChanged(String json) {
    Matcher m = CHANGED.matcher(json);
    int found = 0;
    while (m.find()) {
      found++;
      if (!m.group(2).equals("0")) {
        return false;
      }
    }
    return found == 4;
  }

  /** Everything the namespace's firewall holds, without the tools' date comments. */
  private static String listings(BenchNamespace ns) throws IOException {
    StringBuilder all = new StringBuilder();
    for (Command c : List.of(Command.of("ipset", "list"), Command.of("nft", "-a", "list",
        "ruleset"), Command.of("iptables-save", "-c"), Command.of("ip6tables-save", "-c"))) {
      Tools.run(c.withTimeout(Tools.LIMIT).inNamespace(ns.name())).lines()
          .filter(l -> !l.startsWith("#")).forEach(l -> all.append(l).append('\n'));
    }
    return all.toString();
  }

  /**
   * {@code nft monitor} in the namespace. Two marker tables bracket the measured window: once the
   * first has been reported, the monitor is listening; once the second has, every earlier event
   * has been reported too.
   */
  private static final class NftMonitor implements AutoCloseable {
    private final BenchNamespace ns;
    private final Process process;
    private final Path output;

    private NftMonitor(BenchNamespace ns, Process process, Path output) {
      this.ns = ns;
      this.process = process;
      this.output = output;
    }

    static NftMonitor start(BenchNamespace ns, Path dir) throws IOException, InterruptedException {
      Path output = dir.resolve("nft-monitor.out");
      Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "nft", "monitor")
          .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      NftMonitor monitor = new NftMonitor(ns, p, output);
      monitor.mark("apiban_bench_begin");
      return monitor;
    }

    /** Events between the two markers. */
    int eventsSoFar() throws IOException, InterruptedException {
      mark("apiban_bench_end");
      List<String> lines = Files.readAllLines(output);
      int begin = indexOf(lines, "apiban_bench_begin");
      int end = indexOf(lines, "apiban_bench_end");
      return (int) lines.subList(begin + 1, end).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.contains("apiban_bench_"))
          .count();
    }

    /**
     * Creates table {@code table} until the monitor reports it, then deletes it. The monitor reads
     * the whole ruleset before it listens, which takes seconds with 100,000 iptables rules.
     */
    private void mark(String table) throws IOException, InterruptedException {
      for (int attempt = 0; attempt < 120; attempt++) { // bounded: 120 attempts of 1 s
        Tools.run(Command.of("nft", "add", "table", "inet", table).inNamespace(ns.name()));
        for (int i = 0; i < 500; i++) {
          if (process.waitFor(2, TimeUnit.MILLISECONDS)) {
            throw new IOException("nft monitor exited with " + process.exitValue());
          }
          if (Files.readString(output).contains(table)) {
            Tools.run(Command.of("nft", "delete", "table", "inet", table).inNamespace(ns.name()));
            return;
          }
        }
        Tools.run(Command.of("nft", "delete", "table", "inet", table).inNamespace(ns.name()));
      }
      throw new IOException("nft monitor did not report table " + table + " within 2 min; it"
          + " printed: " + Files.readString(output).lines().limit(5).toList());
    }

    private static int indexOf(List<String> lines, String table) {
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("add table") && lines.get(i).contains(table)) {
          return i;
        }
      }
      throw new IllegalStateException("nft monitor did not report " + table);
    }

    @Override
    public void close() {
      process.destroy();
    }
  }
}
