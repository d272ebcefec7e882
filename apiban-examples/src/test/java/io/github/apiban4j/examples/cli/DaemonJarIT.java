package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.internal.state.LoadResult;
import io.github.apiban4j.internal.state.StateFile;
import io.github.apiban4j.internal.state.StateLock;
import io.github.apiban4j.testkit.FakeApiban;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged daemon as a process: signals, metrics, and the state lock across processes. */
class DaemonJarIT {
  static final String KEY = "JARKEY0123456789abcdef";

  @TempDir Path dir;
  FakeApiban apiban;
  Process process;

  @BeforeEach
  void start() throws Exception {
    apiban = FakeApiban.start(KEY);
  }

  @AfterEach
  void stop() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    apiban.close();
  }

  Path log() {
    return dir.resolve("apiban.log");
  }

  Process apiban(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target", "apiban.jar").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--api-url", apiban.baseUrl(), "--state",
        dir.resolve("state.json").toString(), "--backend", "memory"));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile());
    pb.environment().put("APIBAN_KEY", KEY);
    return pb.start();
  }

  /** Polls the log until it holds {@code text}; the pause is a wait on the process's exit. */
  String awaitLog(String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String log = Files.exists(log()) ? Files.readString(log()) : "";
      if (log.contains(text)) {
        return log;
      }
      assertThat(process.waitFor(50, TimeUnit.MILLISECONDS)).as("the daemon exited: "
          + Files.readString(dir.resolve("err.txt"))).isFalse();
    }
    throw new AssertionError("no '" + text + "' in the log within 30 s:\n"
        + (Files.exists(log()) ? Files.readString(log()) : "(no log)"));
  }

  /**
   * Polls the daemon's metrics, at the address its log names, until they hold {@code text}; the
   * pause is a wait on the process's exit.
   */
  HttpResponse<String> awaitMetrics(String log, String text) throws Exception {
    Matcher m = Pattern.compile("metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(log);
    assertThat(m.find()).as(log).isTrue();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest scrape = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + m.group(1) + "/metrics")).build();
    HttpResponse<String> metrics = http.send(scrape, HttpResponse.BodyHandlers.ofString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!metrics.body().contains(text) && System.nanoTime() < deadline) {
      assertThat(process.waitFor(50, TimeUnit.MILLISECONDS)).as("the daemon exited: "
          + Files.readString(dir.resolve("err.txt"))).isFalse();
      metrics = http.send(scrape, HttpResponse.BodyHandlers.ofString());
    }
    assertThat(metrics.body()).contains(text);
    return metrics;
  }

  void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  @Test
  void servesMetricsReloadsOnHupAndExitsZeroOnTerm() throws Exception {
    apiban.publishMany(300).publish("127.0.0.1");
    process = apiban("daemon", "--interval", "1h", "--rate-limit", "0", "--log",
        log().toString(), "--metrics", "127.0.0.1:0");
    // The gauges appear once the first tick has ended.
    HttpResponse<String> metrics = awaitMetrics(awaitLog("sync complete: full"),
        "apiban_set_entries");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    int ipv4 = (int) io.github.apiban4j.testkit.TestAddresses.many(300).stream()
        .filter(a -> a.indexOf(':') < 0).count();
    assertThat(metrics.body()).contains("apiban_set_entries{family=\"ipv4\"} " + ipv4 + "\n")
        .contains("apiban_refused_total{reason=\"loopback\"} 1").contains("apiban_feed_entries 300");

    signal("HUP");
    awaitLog("configuration reloaded");
    awaitLog("sync complete: incremental"); // a reload syncs at once

    process.destroy(); // SIGTERM
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
    assertThat(Files.readString(log())).contains("daemon stopped; the bans stay in place");
  }

  @Test
  void sigtermDuringAPacedPullStopsAtACheckpointAndTheStateIsConsistent() throws Exception {
    apiban.publishMany(600);
    process = apiban("daemon", "--rate-limit", "1/3600", "--grace", "0s", "--log",
        log().toString(), "--metrics", "127.0.0.1:0");
    // The first page received, not merely requested: a stop that lands while its reply is still
    // being read ends the run before the page, and there would be nothing to keep.
    awaitMetrics(awaitLog("sync started: full"), "\napiban_pages_total 1\n");
    assertThat(apiban.requestCount()).isEqualTo(1);
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
    LoadResult state = new StateFile(dir.resolve("state.json")).load();
    assertThat(state).isInstanceOf(LoadResult.Loaded.class);
    assertThat(((LoadResult.Loaded) state).state().fullSync().cursor())
        .isEqualTo(Long.toString(FakeApiban.FIRST_ID + 249));
    assertThat(Files.readString(log())).contains("sync stopped early").contains("daemon stopped");
  }

  @Test
  void aSecondProcessOnTheSameStateRefusesWith75() throws Exception {
    apiban.publishMany(3);
    try (StateLock lock = new StateFile(dir.resolve("state.json")).lock()) {
      process = apiban("sync");
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(75);
      assertThat(Files.readString(dir.resolve("err.txt"))).contains("another apiban run");
    }
    assertThat(apiban.requestCount()).isZero();
  }
}
