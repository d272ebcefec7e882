package io.github.apiban4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs harmless coreutils programs through the real runner. */
class ProcessCommandRunnerTest {
  private final ProcessCommandRunner runner = new ProcessCommandRunner();

  @Test
  void stdinReachesTheProgramByteForByte() throws IOException {
    byte[] every = new byte[256 * 4];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) i;
    }
    CommandResult r = runner.run(Command.of("cat").withStdin(every));
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutBytes()).isEqualTo(every);
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void fiftyMegabytesOfOutputDoNotBlock() throws IOException {
    int size = 50 * 1024 * 1024;
    CommandResult r = runner.run(Command.of("head", "-c", Integer.toString(size), "/dev/zero"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutLength()).isEqualTo(size);
  }

  @Test
  void bigInputAndBigOutputAtOnceDoNotDeadlock() throws IOException {
    // cat writes as it reads: with the input written on the calling thread and output drained
    // after, both pipes would fill and neither side would move.
    byte[] input = new byte[20 * 1024 * 1024];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) (i * 31);
    }
    CommandResult r = runner.run(Command.of("cat").withStdin(input));
    assertThat(r.stdoutBytes()).isEqualTo(input);
  }

  @Test
  void inputTheProgramNeverReadsIsNotAnError() throws IOException {
    CommandResult r = runner.run(Command.of("true").withStdin(new byte[4 * 1024 * 1024]));
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void exitCodesAreReported() throws IOException {
    assertThat(runner.run(Command.of("true")).exitCode()).isZero();
    CommandResult failed = runner.run(Command.of("false"));
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.succeeded()).isFalse();
    assertThatThrownBy(() -> failed.requireSuccess("checking nothing"))
        .isInstanceOfSatisfying(CommandFailedException.class,
            e -> assertThat(e.exitCode()).isEqualTo(1));
  }

  @Test
  void stderrIsCapturedApartFromStdout() throws IOException {
    String ls = runner.resolve("ls").toString();
    CommandResult r = runner.run(Command.of("ls", "/nonexistent-apiban4j-path"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
    // ls names itself by argv[0], which is the resolved absolute path.
    assertThat(r.stderrSummary()).isEqualTo(
        ls + ": cannot access '/nonexistent-apiban4j-path': No such file or directory");
    assertThatThrownBy(() -> r.requireSuccess("listing"))
        .hasMessageEndingWith("exited with status 2: " + ls + ": cannot access"
            + " '/nonexistent-apiban4j-path': No such file or directory");
  }

  @Test
  void argumentsReachTheProgramLiterallyWithoutAShell() throws IOException {
    String[] hostile = {"$(echo hi); rm -rf /", "`id`", "a b\tc\nd", "'\"\\", "*", "~", "$HOME",
        "x > /tmp/apiban4j-should-not-exist", "| cat", "&& false", "%s%n", ""};
    for (String arg : hostile) {
      CommandResult r = runner.run(Command.of("printf", "%s", arg));
      assertThat(r.stdout()).as("printf %%s %s", arg).isEqualTo(arg);
    }
    assertThat(Path.of("/tmp/apiban4j-should-not-exist")).doesNotExist();
  }

  @Test
  void programsRunWithTheCLocaleAndNothingElseOfOurs() throws IOException {
    assertThat(runner.run(Command.of("printenv", "LC_ALL")).stdout()).isEqualTo("C\n");
    String path = String.join(":", runner.searchPath().stream().map(Path::toString).toList());
    assertThat(runner.run(Command.of("printenv")).stdout().lines())
        .containsExactlyInAnyOrder("LC_ALL=C", "PATH=" + path);
    // The test JVM's own environment surely has more than these two.
    assertThat(System.getenv()).containsKey("PATH").hasSizeGreaterThan(2);
  }

  @Test
  void programsAreResolvedToAbsolutePathsInSbinToo() throws IOException {
    ProcessCommandRunner minimal = runner.withSearchPath(List.of(Path.of("/nonexistent-dir"),
        Path.of("/usr/bin"), Path.of("/bin")));
    Path cat = minimal.resolve("cat");
    assertThat(cat.getFileName()).isEqualTo(Path.of("cat"));
    assertThat(cat.getParent()).isIn(Path.of("/usr/bin"), Path.of("/bin"));
    assertThat(ProcessCommandRunner.defaultSearchPath("relative:/usr/bin::/usr/sbin:."))
        .containsExactly(Path.of("/usr/bin"), Path.of("/usr/sbin"), Path.of("/sbin"));
    assertThat(ProcessCommandRunner.defaultSearchPath(null))
        .containsExactly(Path.of("/usr/sbin"), Path.of("/sbin"));
    assertThatThrownBy(() -> runner.withSearchPath(List.of(Path.of("bin"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeoutKillsTheProcess() {
    Command sleep = Command.of("sleep", "30").withTimeout(Duration.ofMillis(100));
    assertThatThrownBy(() -> runner.run(sleep))
        .isInstanceOfSatisfying(CommandTimeoutException.class, e -> {
          assertThat(e.timeout()).isEqualTo(Duration.ofMillis(100));
          assertThat(e.getMessage()).isEqualTo("sleep 30 did not finish within 100 ms and was"
              + " killed");
          // Gone and reaped, not merely signalled.
          assertThat(ProcessHandle.of(e.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        });
  }

  @Test
  void missingListsTheAbsentProgramsAndTheirPackagesInOneSentence(@TempDir Path dir)
      throws Exception {
    Path present = dir.resolve("ipset");
    java.nio.file.Files.writeString(present, "#!/bin/true\n");
    present.toFile().setExecutable(true);
    ProcessCommandRunner bare = runner.withSearchPath(List.of(dir));

    assertThat(bare.missing(List.of("ipset"))).isEmpty();
    assertThat(bare.missing(List.of("nft", "ipset", "iptables-restore"))).hasValue(
        "nft, iptables-restore not found in " + dir + "; install: apt-get install iptables"
            + " nftables");
  }

  @Test
  void missingProgramNamesItAndThePackage(@TempDir Path empty) {
    assertThatThrownBy(() -> runner.run(Command.of("apiban4j-no-such-program", "x")))
        .isInstanceOfSatisfying(CommandNotFoundException.class, e -> {
          assertThat(e.program()).isEqualTo("apiban4j-no-such-program");
          assertThat(e.debianPackage()).isEmpty();
          assertThat(e.getMessage()).isEqualTo("'apiban4j-no-such-program' not found in "
              + String.join(":", runner.searchPath().stream().map(Path::toString).toList()));
          assertThat(runner.searchPath()).contains(Path.of("/usr/sbin"), Path.of("/sbin"));
        });
    ProcessCommandRunner bare = runner.withSearchPath(List.of(empty));
    assertThatThrownBy(() -> bare.run(Command.of("nft", "-f", "-")))
        .isInstanceOfSatisfying(CommandNotFoundException.class, e -> {
          assertThat(e.debianPackage()).contains("nftables");
          assertThat(e.getMessage())
              .isEqualTo("'nft' not found in " + empty + "; install it: apt-get install nftables");
        });
    for (String[] pair : new String[][] {{"iptables-restore", "iptables"},
        {"ip6tables-restore", "iptables"}, {"iptables", "iptables"}, {"ip6tables", "iptables"},
        {"iptables-save", "iptables"}, {"ipset", "ipset"}, {"ip", "iproute2"},
        {"nsenter", "util-linux"}}) {
      assertThatThrownBy(() -> bare.resolve(pair[0]))
          .hasMessageEndingWith("apt-get install " + pair[1]);
    }
  }

  @Test
  void theNamespaceWrapperMustBeInstalledToo(@TempDir Path empty) {
    ProcessCommandRunner bare = runner.withSearchPath(List.of(empty));
    assertThatThrownBy(() -> bare.run(Command.of("nft").inNamespace("apiban-it-x")))
        .isInstanceOfSatisfying(CommandNotFoundException.class,
            e -> assertThat(e.debianPackage()).contains("iproute2"));
    assertThatThrownBy(() -> bare.run(Command.of("nft").inNamespace("/proc/1/ns/net")))
        .isInstanceOfSatisfying(CommandNotFoundException.class,
            e -> assertThat(e.debianPackage()).contains("util-linux"));
  }

  @Test
  void outputBeyondTheLimitKillsTheProcess() throws IOException {
    ProcessCommandRunner small = runner.withOutputLimit(64 * 1024);
    assertThat(small.run(Command.of("head", "-c", "65536", "/dev/zero")).stdoutLength())
        .isEqualTo(65536);
    // /dev/zero never ends: only the limit can stop this one.
    assertThatThrownBy(() -> small.run(Command.of("cat", "/dev/zero")))
        .isInstanceOfSatisfying(CommandOutputLimitException.class,
            e -> assertThat(e.limit()).isEqualTo(64 * 1024));
    assertThatThrownBy(() -> runner.withOutputLimit(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anInterruptedCallerStartsNothing() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> runner.run(Command.of("true")))
          .isInstanceOf(InterruptedIOException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void interruptKillsTheProcessAndKeepsTheFlag() throws Exception {
    Thread[] worker = new Thread[1];
    CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    worker[0] = new Thread(() -> {
      try {
        runner.run(Command.of("sleep", "30"));
        thrown.complete(null);
      } catch (Throwable t) {
        thrown.complete(t);
      }
      flagAfter.complete(Thread.currentThread().isInterrupted());
    }, "interrupt-test");
    worker[0].start();
    ProcessHandle sleeper = awaitChild("sleep");
    worker[0].interrupt();
    worker[0].join(TimeUnit.SECONDS.toMillis(20));
    assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class)
        .hasMessageContaining("sleep 30");
    assertThat(flagAfter.get()).isTrue();
    assertThat(sleeper.isAlive()).isFalse();
  }

  /** The child process of this JVM running {@code program}, as soon as it has started. */
  private static ProcessHandle awaitChild(String program)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> child = ProcessHandle.current().children()
          .filter(h -> h.info().command().map(c -> c.endsWith("/" + program)).orElse(false))
          .findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no child process " + program + " appeared");
  }
}
