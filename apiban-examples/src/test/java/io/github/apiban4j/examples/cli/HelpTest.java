package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command has help with examples and the shared options. */
class HelpTest {

  @ParameterizedTest
  @ValueSource(strings = {"sync", "status", "check", "list", "unban", "pin", "restore",
      "uninstall", "doctor", "daemon"})
  void everyCommandHasExamplesAndTheSharedOptions(String command) {
    CliRun run = CliRun.run(Map.of(), command, "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Examples:").contains("apiban " + command)
        .contains("--config").contains("--state").contains("--backend-option")
        .contains("--api-url").contains("--rate-limit").contains("--log").contains("Exit status");
  }

  @Test
  void theDemoAndTheTopLevelHaveExamplesToo() {
    assertThat(CliRun.run(Map.of(), "demo", "--help").out()).contains("Examples:");
    CliRun top = CliRun.run(Map.of(), "--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).contains("Examples:").contains("demo").contains("daemon")
        .contains("30s, 5m, 1h, 7d");
  }
}
