package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.testkit.FakeApiban;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code apiban.jar}, run as an operator runs it, against a fake APIBAN. */
class ApibanJarIT {
  static final String KEY = "JARKEY0123456789abcdef";

  @TempDir Path dir;

  record Run(int exitCode, String stdout, String stderr) {}

  Run apiban(FakeApiban apiban, String... args) throws Exception {
    Path jar = Path.of("target", "apiban.jar");
    assertThat(jar).as("built by the package phase").exists();
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile());
    pb.environment().put("APIBAN_KEY", KEY);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void syncsAFakeFeedIntoTheMemoryBackend() throws Exception {
    try (FakeApiban apiban = FakeApiban.start(KEY)) {
      apiban.publishMany(260).publish("127.0.0.1", "not-an-ip");
      String state = dir.resolve("state.json").toString();

      Run first = apiban(apiban, "sync", "--backend", "memory", "--api-url", apiban.baseUrl(),
          "--state", state, "--json");
      assertThat(first.exitCode()).as(first.stderr()).isZero();
      assertThat(first.stdout().strip()).startsWith("{").endsWith("}")
          .contains("\"added\":260").contains("\"refused\":2").contains("\"loopback\":1")
          .contains("\"malformed\":1").contains("\"complete\":true");

      apiban.enqueueRateLimit(120);
      Run limited = apiban(apiban, "sync", "--backend", "memory", "--api-url", apiban.baseUrl(),
          "--state", state, "--json");
      assertThat(limited.exitCode()).isEqualTo(75);
      assertThat(limited.stdout()).contains("\"stopReason\":\"rate-limited\"")
          .contains("\"repaired\":260");
      assertThat(limited.stdout() + limited.stderr()).doesNotContain(KEY);
    }
  }

  @Test
  void theQuickStartDemoRunsOfflineAndCleansUp() throws Exception {
    try (FakeApiban unused = FakeApiban.start(KEY)) {
      Run demo = apiban(unused, "demo");
      assertThat(demo.exitCode()).as(demo.stderr()).isZero();
      assertThat(demo.stdout()).contains("refused: malformed 3, loopback 3")
          .contains("restored from local state with 0 requests").contains("removed /");
    }
  }

  @Test
  void printsUsageAndRefusesUnknownOptions() throws Exception {
    try (FakeApiban apiban = FakeApiban.start(KEY)) {
      Run help = apiban(apiban, "sync", "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.stdout()).contains("--key-file").contains("--dry-run").contains("Exit status");
      Run bad = apiban(apiban, "sync", "--no-such-option");
      assertThat(bad.exitCode()).isEqualTo(64);
    }
  }
}
