package io.github.apiban4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The backend comparison harness: every backend against the bare tool it replaces, and against one
 * {@code iptables} process per address, on the same random addresses, plus the CLI's {@code sync}
 * end to end; writes {@code latest.json}, {@code latest.md} and {@code latest.svg}. Needs root:
 * each pair is measured by a {@link NamespaceWorker} inside a network namespace created for it
 * and deleted afterwards, and the host's own firewall is never touched. {@code benchmarks/run.sh}
 * is the usual way in.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.apiban4j.bench.BenchmarkHarness [--quick]
 *     [--out DIR] [--cli-jar apiban-examples/target/apiban.jar] [--only ipset-netlink,…]
 *     [--runs N] [--page-runs N] [--per-address N] [--cli-runs N] [--datasets ipv4:1000,…]
 * </pre>
 */
public final class BenchmarkHarness {
  private BenchmarkHarness() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>();
    Plan plan;
    try {
      plan = Plan.parse(List.of(args), rest);
    } catch (IllegalArgumentException e) {
      System.err.println("benchmarks: " + e.getMessage());
      System.exit(64);
      return;
    }
    Path out = Path.of("benchmarks", "results");
    Path cliJar = Path.of("apiban-examples", "target", "apiban.jar");
    List<Pair> pairs = List.of(Pair.values());
    for (int i = 0; i < rest.size(); i++) {
      switch (rest.get(i)) {
        case "--out" -> out = Path.of(Plan.value("--out", rest, ++i));
        case "--cli-jar" -> cliJar = Path.of(Plan.value("--cli-jar", rest, ++i));
        case "--only" -> pairs = Stream.of(Plan.value("--only", rest, ++i).split(","))
            .map(Pair::named).toList();
        default -> {
          System.err.println("benchmarks: unknown argument " + rest.get(i));
          System.exit(64);
        }
      }
    }
    if (!Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0)) {
      System.err.println("benchmarks: run as root: the harness creates network namespaces and"
          + " changes the firewall inside them (never the host's)");
      System.exit(77);
    }
    if (plan.cliRuns() > 0 && !Files.isRegularFile(cliJar)) {
      System.err.println("benchmarks: " + cliJar + " is missing; build it (./mvnw -q -o"
          + " -DskipTests package) or pass --cli-runs 0");
      System.exit(66);
    }
    String mode = List.of(args).contains("--quick") ? "quick" : "full";
    Report report = new BenchmarkHarness.Run(plan, cliJar).measure(mode, pairs);
    Files.createDirectories(out);
    ResultsJson.writeReport(out.resolve("latest.json"), report);
    String markdown = Markdown.of(report, "benchmarks/run.sh"
        + (mode.equals("quick") ? " --quick" : ""));
    Files.writeString(out.resolve("latest.md"), markdown);
    Files.writeString(out.resolve("latest.svg"), Chart.of(report));
    System.out.print(markdown);
    System.err.println("benchmarks: wrote " + out.resolve("latest.json") + ", latest.md and"
        + " latest.svg");
  }

  /** One run: the workers, the combination of their rows, the CLI. */
  private static final class Run {
    private final Plan plan;
    private final Path cliJar;
    private final Progress progress = new Progress();

    Run(Plan plan, Path cliJar) {
      this.plan = plan;
      this.cliJar = cliJar;
    }

    Report measure(String mode, List<Pair> pairs) throws Exception {
      Environment environment = Environment.here();
      Path dir = Files.createTempDirectory("apiban-bench-");
      try {
        List<Row> bare = new ArrayList<>();
        for (Pair pair : pairs) {
          bare.addAll(worker(dir, List.of("--pair", pair.contender)).rows());
        }
        List<PerAddress> perAddress = worker(dir, List.of("--per-address-only")).perAddress();
        List<Row> rows = new ArrayList<>(bare);
        for (Row row : bare) {
          perAddress.stream().filter(p -> p.family().equals(row.family())).findFirst()
              .ifPresent(p -> rows.add(new Row(row.contender(), Row.PER_ADDRESS, row.op(),
                  row.size(), row.family(), row.contenderMs(),
                  new double[] {p.millisFor(row.op(), row.size())}, p.processes())));
        }
        List<CliResult> cli = plan.cliRuns() > 0
            ? new CliBenchmark(cliJar, plan, progress, dir).run() : List.of();
        progress.say("done");
        return new Report(environment, mode, plan, rows, perAddress, cli);
      } finally {
        deleteTree(dir);
      }
    }

    /** The longest a worker may run: a full run's slowest pair takes a few minutes. */
    private static final Duration WORKER_LIMIT = Duration.ofMinutes(30);

    /** Runs a {@link NamespaceWorker} with {@code what} in a namespace of its own. */
    private NamespaceWorker.WorkerResult worker(Path dir, List<String> what) throws Exception {
      Path result = Files.createTempFile(dir, "worker-", ".json");
      try (BenchNamespace ns = BenchNamespace.create()) {
        progress.say("worker " + String.join(" ", what) + " in network namespace " + ns.name());
        List<String> argv = new ArrayList<>(List.of("nsenter", "--net=" + ns.path(), "--",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            ownJar().toString(), NamespaceWorker.class.getName(), "--netns", ns.path().toString(),
            "--host-netns", BenchNamespace.current(), "--out", result.toString()));
        argv.addAll(what);
        argv.addAll(plan.toArgs());
        Process p = new ProcessBuilder(argv).inheritIO().start();
        if (!p.waitFor(WORKER_LIMIT.toMinutes(), TimeUnit.MINUTES)) {
          ChildProcess.kill(p);
          throw new IOException("the worker for " + String.join(" ", what) + " ran for more than "
              + WORKER_LIMIT.toMinutes() + " minutes and was killed");
        }
        int status = p.exitValue();
        if (status != 0) {
          throw new IOException("the worker for " + String.join(" ", what) + " exited with "
              + status);
        }
      }
      return ResultsJson.readWorker(result);
    }

    private static Path ownJar() throws Exception {
      return Path.of(BenchmarkHarness.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
    }

    private static void deleteTree(Path dir) throws IOException {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
