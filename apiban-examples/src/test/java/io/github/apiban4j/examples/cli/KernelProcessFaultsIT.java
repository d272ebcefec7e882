package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.TestAddresses;
import io.github.apiban4j.testkit.TestEnvironment;
import java.io.IOException;
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
 * The packaged CLI against the ipset-netlink backend in a namespace: a sync killed with SIGKILL
 * part-way is followed by one that converges with nothing lost, and two syncs started together on
 * one state never both write.
 */
class KernelProcessFaultsIT {
  private static final String KEY = "FAULTKEY0123456789abcdef";
  private static final int ENTRIES = 40_000;
  /**
   * How long a whole run may take. One (800 pages of 50) takes under 10 s on two cores
   * kept busy by other work; the limit only bounds a run that hangs.
   */
  private static final long RUN_SECONDS = 300;

  @TempDir Path dir;
  private NetworkNamespace ns;
  private FakeApiban apiban;

  @BeforeEach
  void start() throws Exception {
    ns = NetworkNamespace.create();
    TestEnvironment.requireCommand("ipset", "ipset");
    apiban = FakeApiban.start(KEY).pageSize(50).publishMany(ENTRIES);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      apiban.close();
    } finally {
      ns.close();
    }
  }

  @Test
  void aSyncKilledPartWayIsFollowedByOneThatConvergesWithNothingLost() throws Exception {
    Process first = sync("first");
    long seen = 0;
    // Bounded polling of the kernel set until the run is visibly under way, then SIGKILL.
    for (int i = 0; i < 2_000 && first.isAlive() && seen == 0; i++) {
      seen = kernelEntries("apiban6");
    }
    assertThat(first.isAlive()).as("the first sync was still running when killed").isTrue();
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long afterKill = kernelEntries("apiban4") + kernelEntries("apiban6");
    assertThat(afterKill).isLessThan(ENTRIES);

    Process second = sync("second");
    assertThat(second.waitFor(RUN_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(read("second.err")).isZero();
    assertThat(kernel()).isEqualTo(published());
  }

  @Test
  void twoSyncsStartedTogetherNeverBothWrite() throws Exception {
    Process a = sync("a");
    Process b = sync("b");
    assertThat(a.waitFor(RUN_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(RUN_SECONDS, TimeUnit.SECONDS)).isTrue();
    List<Integer> codes = List.of(a.exitValue(), b.exitValue());
    assertThat(codes).as(read("a.err") + read("b.err")).containsExactlyInAnyOrder(0, 75);
    String refused = a.exitValue() == 75 ? read("a.err") : read("b.err");
    assertThat(refused).contains("pid");
    assertThat(kernel()).isEqualTo(published());
  }

  private Process sync(String name) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target", "apiban.jar").toString(), "sync", "--backend", "ipset-netlink",
        "--backend-option", "namespace=" + ns.name(), "--api-url", apiban.baseUrl(),
        "--rate-limit", "0", "--state", dir.resolve("state.json").toString()));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile());
    pb.environment().put("APIBAN_KEY", KEY);
    return pb.start();
  }

  private String read(String file) {
    try {
      return java.nio.file.Files.readString(dir.resolve(file));
    } catch (IOException e) {
      return "";
    }
  }

  private static final Pattern ENTRIES_LINE = Pattern.compile("Number of entries: (\\d+)");

  private long kernelEntries(String set) throws IOException {
    String out = CommandRunner.system().run(Command.of("ipset", "list", "-t", set)
        .inNamespace(ns.name())).stdout();
    Matcher m = ENTRIES_LINE.matcher(out);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private AddressSet kernel() throws IOException {
    AddressSet.Builder b = AddressSet.builder();
    for (String set : List.of("apiban4", "apiban6")) {
      String out = CommandRunner.system().run(Command.of("ipset", "save", set)
          .inNamespace(ns.name())).requireSuccess("ipset save").stdout();
      out.lines().filter(l -> l.startsWith("add " + set + " "))
          .forEach(l -> b.add(IpPrefix.parse(l.substring(5 + set.length()).strip())));
    }
    return b.build();
  }

  private static AddressSet published() {
    AddressSet.Builder b = AddressSet.builder();
    TestAddresses.many(ENTRIES).forEach(b::add);
    return b.build();
  }

}
