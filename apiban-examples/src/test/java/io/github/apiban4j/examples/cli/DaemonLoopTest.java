package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.internal.state.LoadResult;
import io.github.apiban4j.internal.state.StateFile;
import io.github.apiban4j.internal.state.StoredState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** The daemon's schedule, driven by a scripted waiter and a clock that moves only with it. */
class DaemonLoopTest extends CliTestBase {
  final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  final EventLog log = EventLog.to(new PrintStream(logged, true, StandardCharsets.UTF_8), clock);
  final Metrics metrics = new Metrics();
  final CommonOptions options = new CommonOptions();
  double random = 0;
  double jitter = 0.1;
  DaemonLoop loop;

  /** Records each delay, moves the clock by it, then runs the script for that wait. */
  final class Waiter implements DaemonLoop.Waiter {
    final List<Duration> delays = new ArrayList<>();
    IntConsumer script = n -> { };

    @Override
    public void await(Duration delay) {
      delays.add(delay);
      clock.advance(delay);
      script.accept(delays.size());
    }

    @Override
    public void wake() {}
  }

  final Waiter waiter = new Waiter();

  DaemonLoop loop(String interval, Duration grace) {
    options.apiUrl = apiban.baseUrl();
    options.rateLimit = options.rateLimit == null ? "0" : options.rateLimit;
    options.state = state();
    options.backend = FileBackend.NAME;
    options.backendOptions.put("dir", kernel().toString());
    CliContext context = new CliContext(env, System.out, System.err, List.of(), clock, false);
    loop = new DaemonLoop(() -> DaemonEngine.open(Settings.resolve(options, context), interval,
        jitter, log, metrics, clock), waiter, () -> random, log, metrics, grace);
    return loop;
  }

  String events() {
    return logged.toString(StandardCharsets.UTF_8);
  }

  void stopAfter(int waits) {
    IntConsumer before = waiter.script;
    waiter.script = n -> {
      before.accept(n);
      if (n >= waits) {
        loop.requestStop();
      }
    };
  }

  @Test
  void restoresFirstThenSyncsAtOnceThenEveryInterval() throws Exception {
    apiban.publishMany(5);
    assertThat(apiban("sync").exitCode()).isZero();
    Files.delete(kernel().resolve("sets"));
    Files.delete(kernel().resolve("hook"));
    int requests = apiban.requestCount();
    loop("5m", Duration.ofSeconds(1));
    waiter.script = n -> assertThat(apiban.requestCount()).isEqualTo(requests + n);
    stopAfter(3);

    assertThat(loop.run()).isZero();

    assertThat(waiter.delays).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(5),
        Duration.ofMinutes(5));
    String events = events();
    assertThat(events.indexOf("restored 5 entries")).isPositive()
        .isLessThan(events.indexOf("sync started: incremental"));
    assertThat(events).contains("daemon stopped; the bans stay in place");
    assertThat(Files.readAllLines(kernel().resolve("sets"))).hasSize(5);
  }

  @Test
  void theJitterIsBoundedByItsFractionOfTheDelay() throws Exception {
    random = 0.999;
    jitter = 0.2;
    loop("10m", Duration.ofSeconds(1));
    stopAfter(2);
    loop.run();
    assertThat(waiter.delays).allSatisfy(d -> assertThat(d)
        .isGreaterThan(Duration.ofMinutes(11)).isLessThanOrEqualTo(Duration.ofMinutes(12)));
  }

  @Test
  void failuresBackOffDoublingUpToAnHourAndASuccessResets() throws Exception {
    for (int i = 0; i < 5; i++) {
      apiban.enqueue(403, "{\"ipaddress\":\"none\",\"ID\":\"unauthorized\"}");
    }
    apiban.publishMany(3);
    loop("5m", Duration.ofSeconds(1));
    List<String> failuresSeen = new ArrayList<>();
    waiter.script = n -> failuresSeen.add(metrics.render().lines()
        .filter(l -> l.startsWith("apiban_consecutive_failures ")).findFirst().orElseThrow());
    stopAfter(7);

    loop.run();

    assertThat(waiter.delays).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(20),
        Duration.ofMinutes(40), Duration.ofMinutes(60), Duration.ofMinutes(60),
        Duration.ofMinutes(5), Duration.ofMinutes(5));
    assertThat(failuresSeen).containsExactly("apiban_consecutive_failures 1",
        "apiban_consecutive_failures 2", "apiban_consecutive_failures 3",
        "apiban_consecutive_failures 4", "apiban_consecutive_failures 5",
        "apiban_consecutive_failures 0", "apiban_consecutive_failures 0");
    assertThat(events()).contains("5 failed sync(s) in a row; next attempt in 1h");
  }

  @Test
  void aWipedHookAndSetAreRepairedOnTheNextTick() throws Exception {
    apiban.publishMany(4);
    loop("5m", Duration.ofSeconds(1));
    waiter.script = n -> {
      if (n == 1) {
        try {
          Files.delete(kernel().resolve("hook"));
          Files.delete(kernel().resolve("sets"));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    };
    stopAfter(2);
    loop.run();
    assertThat(kernel().resolve("hook")).exists();
    assertThat(Files.readAllLines(kernel().resolve("sets"))).hasSize(4);
    assertThat(events()).contains("restored from local state");
  }

  @Test
  void aReloadReadsTheConfigurationAgainAndABadOneIsIgnored() throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"interval\":\"5m\"}");
    options.config = config;
    loop(null, Duration.ofSeconds(1));
    waiter.script = n -> {
      try {
        if (n == 1) {
          Files.writeString(config, "{\"interval\":\"15m\"}");
          loop.requestReload();
        } else if (n == 2) {
          Files.writeString(config, "{\"interval\":\"soon\"}");
          loop.requestReload();
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    stopAfter(3);
    loop.run();
    assertThat(waiter.delays).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(15),
        Duration.ofMinutes(15));
    assertThat(events()).contains("configuration reloaded: backend file-test, every 15m")
        .contains("reload failed, keeping the previous configuration: --interval (or config key"
            + " interval): 'soon' is not a duration");
  }

  @Test
  void metricsDescribeTheBackendAndTheRuns() throws Exception {
    apiban.publishMany(3).publish("127.0.0.1", "2001:db8::1");
    Files.createDirectories(kernel());
    Files.write(kernel().resolve("drops"), List.of("7", "700", "1", "100"));
    metrics.markServed();
    loop("5m", Duration.ofSeconds(1));
    stopAfter(1);
    loop.run();
    String text = metrics.render();
    assertThat(text).contains("apiban_set_entries{family=\"ipv4\"} 3\n",
        "apiban_set_entries{family=\"ipv6\"} 1\n", "apiban_feed_entries 4\n",
        "apiban_enforcement_ratio 1\n", "apiban_hook_present 1\n",
        "apiban_refused_total{reason=\"loopback\"} 1\n",
        "apiban_requests_total{outcome=\"page\"} 1\n", "apiban_requests_total{outcome=\"end\"} 1\n",
        "apiban_runs_total{outcome=\"complete\"} 2\n", "apiban_added_total 4\n",
        "apiban_dropped_packets_total{family=\"ipv4\"} 7\n", "apiban_cursor 1700000004\n",
        "# TYPE apiban_set_entries gauge\n", "# TYPE apiban_added_total counter\n");
    assertThat(text.lines().filter(l -> !l.startsWith("#")))
        .allMatch(l -> l.matches("apiban_[a-z_0-9]+(\\{[a-z]+=\"[a-z0-9-]+\"})? [0-9.]+"), "valid");
  }

  @Test
  void withoutAMetricsServerNothingIsReadForGauges() throws Exception {
    apiban.publishMany(3);
    loop("5m", Duration.ofSeconds(1));
    stopAfter(1);
    loop.run();
    String text = metrics.render();
    assertThat(text).contains("apiban_added_total 3\n").doesNotContain("apiban_set_entries");
  }

  @Test
  void aStopDuringARunInterruptsItAtASafePointAndLeavesAConsistentState() throws Exception {
    apiban.publishMany(600);
    options.rateLimit = "1/3600"; // the second page waits an hour for its permit
    loop("5m", Duration.ZERO);
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
      try {
        return loop.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // The first page received, not merely requested: a stop that lands while its reply is still
    // being read ends the run before the page, and there would be nothing to keep.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!metrics.render().contains("\napiban_pages_total 1\n")
        && System.nanoTime() < deadline) {
      assertThatThrownBy(() -> run.get(5, TimeUnit.MILLISECONDS))
          .as("the daemon loop ended before its first page")
          .isInstanceOf(TimeoutException.class);
    }
    assertThat(metrics.render()).contains("\napiban_pages_total 1\n");
    assertThat(apiban.requestCount()).isEqualTo(1);
    loop.requestStop();

    assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    StoredState state = ((LoadResult.Loaded) new StateFile(state()).load()).state();
    assertThat(state.fullSync().cursor()).isEqualTo(Long.toString(FakeApibanIds.last(250)));
    assertThat(Files.readAllLines(kernel().resolve("sets"))).hasSize(250);
    assertThat(events()).contains("sync stopped early").contains("daemon stopped");
  }

  @Test
  void aBackendThatCannotRunStopsTheDaemonAtOnce() {
    loop("5m", Duration.ofSeconds(1));
    options.backend = "no-such-backend";
    assertThatThrownBy(loop::run).satisfies(e ->
        assertThat(ExitCode.of(e)).isEqualTo(ExitCode.UNAVAILABLE));
    assertThat(waiter.delays).isEmpty();
  }
}
