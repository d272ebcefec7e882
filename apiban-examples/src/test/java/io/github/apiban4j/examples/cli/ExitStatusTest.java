package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.internal.state.StateFile;
import io.github.apiban4j.internal.state.StateLock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every failure class gets its exit status, one line and a hint, whatever the command. */
class ExitStatusTest extends CliTestBase {

  static void oneLinePlusHint(CliRun run) {
    List<String> lines = run.err().lines().filter(l -> !l.contains("warning")).toList();
    assertThat(lines).as(run.err()).hasSize(2);
    assertThat(lines.get(0)).startsWith("apiban: ");
    assertThat(lines.get(1)).startsWith("apiban: hint: ");
  }

  @Test
  void anotherRunHoldingTheStateIs75ForEveryWriter() throws Exception {
    apiban.publishMany(3);
    assertThat(apiban("sync").exitCode()).isZero();
    try (StateLock lock = new StateFile(state()).lock()) {
      for (String[] command : new String[][] {{"sync"}, {"restore"}, {"unban", "198.51.100.1"},
          {"pin", "198.51.100.1"}, {"uninstall"}}) {
        CliRun run = apiban(command[0], java.util.Arrays.copyOfRange(command, 1, command.length));
        assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(ExitCode.TEMPORARY);
        oneLinePlusHint(run);
        assertThat(run.err()).contains("another apiban run holds the state");
      }
    }
    assertThat(apiban("sync").exitCode()).isZero();
  }

  @Test
  void anUnavailableBackendIs69() {
    for (String command : new String[] {"sync", "restore", "uninstall"}) {
      CliRun run = apiban(command, "--backend", "pf");
      assertThat(run.exitCode()).as(command).isEqualTo(ExitCode.UNAVAILABLE);
      oneLinePlusHint(run);
      assertThat(run.err()).contains("apiban doctor");
    }
  }

  @Test
  void badConfigurationIs78AndNamesTheOption() {
    for (String command : new String[] {"sync", "status", "check", "list", "restore"}) {
      String[] args = command.equals("check") ? new String[] {"192.0.2.1", "--ttl", "a week"}
          : new String[] {"--ttl", "a week"};
      CliRun run = apiban(command, args);
      assertThat(run.exitCode()).as(command).isEqualTo(ExitCode.CONFIG);
      assertThat(run.err()).as(command).contains("--ttl").contains("a week");
      oneLinePlusHint(run);
    }
  }

  @Test
  void aZeroTtlIs78AndNamesTheOptionSoThatTheDaemonIsNotRestartedForever() {
    CliRun run = apiban("sync", "--ttl", "0s");
    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG);
    assertThat(run.err()).contains("--ttl").contains("longer than 0");
    oneLinePlusHint(run);
  }

  @Test
  void anEmptyKeyFileIs78AndNamesTheFile() throws Exception {
    java.nio.file.Path keyFile = java.nio.file.Files.createFile(dir.resolve("empty.key"));
    java.nio.file.Files.setPosixFilePermissions(keyFile,
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    CliRun run = CliRun.run(Map.of(), List.of(), clock, "sync", "--api-url", apiban.baseUrl(),
        "--state", state().toString(), "--backend", FileBackend.NAME, "--backend-option",
        "dir=" + kernel(), "--key-file", keyFile.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG);
    assertThat(run.err()).contains(keyFile.toString());
    oneLinePlusHint(run);
  }

  @Test
  void aBadBackendOptionIs78AndNamesTheOption() {
    CliRun run = CliRun.run(env, List.of(), clock, "restore", "--state", state().toString(),
        "--backend", "iptables", "--backend-option", "chain=ACCEPT");
    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG);
    assertThat(run.err()).contains("backend option chain");
    oneLinePlusHint(run);
  }

  @Test
  void anIllegalArgumentFromABugIsNotReportedAsBadConfiguration() {
    assertThat(ExitCode.of(new IllegalArgumentException("index -1"))).isEqualTo(ExitCode.SOFTWARE);
    assertThat(Failure.hint(new IllegalArgumentException("index -1"))).isNull();
    assertThat(ExitCode.of(new ConfigException("--ttl: bad"))).isEqualTo(ExitCode.CONFIG);
  }

  @Test
  void badUsageIs64() {
    assertThat(apiban("check").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(apiban("status", "--frobnicate").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRun.run(Map.of(), "frobnicate").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRun.run(Map.of()).exitCode()).isEqualTo(ExitCode.USAGE);
    CliRun key = apiban("status", "--key", KEY);
    assertThat(key.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(key.err()).doesNotContain(KEY);
  }

  @Test
  void aRefusedKeyIs77AndAServerErrorIs75() {
    env = Map.of("APIBAN_KEY", "WRONG-KEY-0123456789");
    CliRun refused = apiban("sync");
    assertThat(refused.exitCode()).isEqualTo(ExitCode.NO_PERMISSION);
    oneLinePlusHint(refused);
    assertThat(refused.err()).contains("getkey");

    env = Map.of("APIBAN_KEY", KEY);
    for (int i = 0; i < 5; i++) {
      apiban.enqueue(503, "busy");
    }
    CliRun busy = apiban("sync", "--json");
    assertThat(busy.exitCode()).isEqualTo(ExitCode.TEMPORARY);
  }
}
