package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The systemd units: hardened as documented, and their command lines valid for the CLI. */
class SystemdUnitsTest {
  static final Path DIR = Path.of("systemd");

  static String unit(String name) throws Exception {
    return Files.readString(DIR.resolve(name)).replace("\\\n", " ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"apiban-sync.service", "apiban-daemon.service",
      "apiban-restore.service"})
  void everyServiceIsSandboxedToTheNetworkCapabilities(String name) throws Exception {
    String text = unit(name);
    assertThat(text).contains("\nCapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_RAW\n",
        "\nNoNewPrivileges=yes\n", "\nProtectSystem=strict\n", "\nStateDirectory=apiban4j\n",
        "\nPrivateTmp=yes\n");
    assertThat(text).doesNotContain("MemoryDenyWriteExecute"); // the JIT needs it
    // iptables-legacy must be able to take its host-wide lock under ProtectSystem=strict.
    assertThat(text).contains("\nExecStartPre=-+/bin/touch /run/xtables.lock\n",
        "\nReadWritePaths=-/run/xtables.lock\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"apiban-sync.service", "apiban-daemon.service",
      "apiban-restore.service"})
  void everyServiceUsesTheStateFileTheCommandsUseByDefault(String name) throws Exception {
    // An operator's "apiban unban X" as root must edit the file the service syncs from.
    List<String> words = List.of(unit(name).split("\\s+"));
    assertThat(words.get(words.indexOf("--state") + 1)).isEqualTo(Settings.ROOT_STATE.toString());
    assertThat(unit(name)).contains("\nStateDirectory="
        + Settings.ROOT_STATE.getParent().getFileName() + "\n");
  }

  @Test
  void theKeyArrivesAsACredentialNeverInTheEnvironment() throws Exception {
    for (String name : List.of("apiban-sync.service", "apiban-daemon.service")) {
      String text = unit(name);
      assertThat(text).contains("LoadCredential=apiban-key:/etc/apiban4j/key")
          .contains("--key-file %d/apiban-key").doesNotContain("APIBAN_KEY");
    }
    assertThat(unit("apiban-restore.service")).doesNotContain("LoadCredential").doesNotContain("--key");
  }

  @Test
  void theDaemonRestartsOnFailureAndTheRestoreRunsBeforeTheNetwork() throws Exception {
    assertThat(unit("apiban-daemon.service")).contains("\nRestart=on-failure\n")
        .contains("ExecReload=/bin/kill -HUP $MAINPID");
    assertThat(unit("apiban-restore.service")).contains("\nBefore=network-pre.target")
        .contains("\nDefaultDependencies=no\n").contains("\nType=oneshot\n");
    assertThat(unit("apiban-sync.timer")).contains("OnUnitInactiveSec=5min");
  }

  @ParameterizedTest
  @ValueSource(strings = {"apiban-sync.service", "apiban-daemon.service",
      "apiban-restore.service"})
  void theCommandLineParses(String name) throws Exception {
    String exec = unit(name).lines().filter(l -> l.startsWith("ExecStart=")).findFirst()
        .orElseThrow();
    List<String> words = List.of(exec.split("\\s+"));
    List<String> args = words.subList(words.indexOf("/opt/apiban4j/apiban.jar") + 1, words.size());
    CommandLine cli = Main.commandLine(new CliContext(Map.of(), System.out, System.err));
    CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
    assertThat(parsed.subcommand()).isNotNull();
    assertThat(parsed.subcommand().unmatched()).isEmpty();
  }

  @Test
  void systemdAcceptsTheUnits() throws Exception {
    TestEnvironment.requireCommand("systemd-analyze", "systemd");
    try (var units = Files.list(DIR)) {
      List<String> command = new java.util.ArrayList<>(List.of("systemd-analyze", "verify",
          "--man=no"));
      units.map(Path::toAbsolutePath).map(Path::toString).sorted().forEach(command::add);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).as(out).doesNotContain("Unknown key").doesNotContain("Failed");
    }
  }
}
