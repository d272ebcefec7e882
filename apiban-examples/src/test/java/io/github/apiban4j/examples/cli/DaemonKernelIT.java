package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.TestEnvironment;
import java.io.IOException;
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

/**
 * The packaged daemon and restore against the real kernel (ipset-netlink in a namespace): a reload
 * repairs sets and hook wiped by hand, SIGTERM leaves the bans in place, and after a simulated
 * reboot {@code restore} puts them back with the feed unreachable.
 */
class DaemonKernelIT {
  private static final String KEY = "KERNELKEY0123456789abcdef";
  private static final int ENTRIES = 600;
  private static final Pattern ENTRIES_LINE = Pattern.compile("Number of entries: (\\d+)");

  @TempDir Path dir;
  private NetworkNamespace ns;
  private FakeApiban apiban;
  private Process daemon;

  @BeforeEach
  void start() throws Exception {
    ns = NetworkNamespace.create();
    TestEnvironment.requireCommand("ipset", "ipset");
    TestEnvironment.requireCommand("iptables-save", "iptables");
    apiban = FakeApiban.start(KEY).publishMany(ENTRIES);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (daemon != null && daemon.isAlive()) {
        daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      apiban.close();
    } finally {
      ns.close();
    }
  }

  @Test
  void theDaemonRepairsAWipeOnReloadLeavesTheBansOnTermAndRestoreBringsThemBackOffline()
      throws Exception {
    daemon = apiban("daemon", "--interval", "1h", "--log", log().toString()).start();
    awaitLog("sync complete: full", 1);
    assertThat(kernelEntries()).isEqualTo(ENTRIES);
    assertThat(hookPresent()).isTrue();

    // What a firewalld or Docker reload does: the rules and sets are gone.
    wipe();
    assertThat(kernelEntries()).isZero();
    // Counted before the signal: the reload's sync may well have ended before this thread looks.
    int incremental = count(read("apiban.log"), "sync complete: incremental");
    signal("HUP"); // a reload syncs at once, as the next tick would
    awaitLog("sync complete: incremental", incremental + 1);
    assertThat(kernelEntries()).isEqualTo(ENTRIES);
    assertThat(hookPresent()).isTrue();

    daemon.destroy(); // SIGTERM
    assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).as(read("err.txt")).isZero();
    assertThat(kernelEntries()).as("the bans stay in place").isEqualTo(ENTRIES);
    assertThat(hookPresent()).isTrue();

    // A reboot, with the network not up yet.
    wipe();
    int requests = apiban.requestCount();
    apiban.close();
    Process restore = apiban("restore").start();
    assertThat(restore.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(restore.exitValue()).as(read("err.txt")).isZero();
    assertThat(kernelEntries()).isEqualTo(ENTRIES);
    assertThat(hookPresent()).isTrue();
    assertThat(apiban.requestCount()).isEqualTo(requests);
  }

  private ProcessBuilder apiban(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target", "apiban.jar").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--backend", "ipset-netlink", "--backend-option",
        "namespace=" + ns.name(), "--api-url", apiban.baseUrl(), "--rate-limit", "0",
        "--state", dir.resolve("state.json").toString()));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile());
    pb.environment().put("APIBAN_KEY", KEY);
    return pb;
  }

  private Path log() {
    return dir.resolve("apiban.log");
  }

  private String read(String file) {
    try {
      return Files.readString(dir.resolve(file));
    } catch (IOException e) {
      return "";
    }
  }

  /** Polls the log until {@code text} occurs {@code times} times in all; bounded. */
  private void awaitLog(String text, int times) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (count(read("apiban.log"), text) >= times) {
        return;
      }
      assertThat(daemon.waitFor(50, TimeUnit.MILLISECONDS)).as("the daemon exited: "
          + read("err.txt")).isFalse();
    }
    throw new AssertionError("no '" + text + "' in the log within 60 s:\n" + read("apiban.log"));
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(daemon.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private CommandResult inNamespace(String program, String... arguments) throws IOException {
    return CommandRunner.system().run(Command.of(program, arguments).inNamespace(ns.name()));
  }

  private void wipe() throws IOException {
    for (String tool : List.of("iptables", "ip6tables")) {
      inNamespace(tool, "-t", "raw", "-F").requireSuccess(tool + " -F");
      inNamespace(tool, "-t", "raw", "-X").requireSuccess(tool + " -X");
    }
    inNamespace("ipset", "destroy").requireSuccess("ipset destroy");
  }

  private long kernelEntries() throws IOException {
    long total = 0;
    for (String set : List.of("apiban4", "apiban6")) {
      Matcher m = ENTRIES_LINE.matcher(inNamespace("ipset", "list", "-t", set).stdout());
      total += m.find() ? Long.parseLong(m.group(1)) : 0;
    }
    return total;
  }

  private boolean hookPresent() throws IOException {
    for (String tool : List.of("iptables-save", "ip6tables-save")) {
      String raw = inNamespace(tool, "-t", "raw").requireSuccess(tool).stdout();
      if (!raw.contains("-A PREROUTING -j APIBAN") || !raw.contains("--match-set")) {
        return false;
      }
    }
    return true;
  }
}
