package io.github.apiban4j.examples.cli;

import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fake APIBAN, a state file and a {@link FileBackend} directory per test; {@link #apiban} runs
 * a command in-process against them, so that one command sees what the previous one did.
 */
abstract class CliTestBase {
  static final String KEY = "CLIKEY0123456789abcdef";

  @TempDir Path dir;
  FakeApiban apiban;
  final MutableClock clock = new MutableClock(Instant.now());
  Map<String, String> env = Map.of("APIBAN_KEY", KEY);

  @BeforeEach
  final void startFeed() throws Exception {
    apiban = FakeApiban.start(KEY);
  }

  @AfterEach
  final void stopFeed() throws Exception {
    apiban.close();
  }

  Path state() {
    return dir.resolve("state").resolve("state.json");
  }

  Path kernel() {
    return dir.resolve("kernel");
  }

  /** The command with the test's feed, state and backend, then {@code args}. */
  CliRun apiban(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command, "--api-url", apiban.baseUrl(),
        "--rate-limit", "0", "--state", state().toString(), "--backend", FileBackend.NAME,
        "--backend-option", "dir=" + kernel()));
    all.addAll(List.of(args));
    return CliRun.run(env, List.of(), clock, all.toArray(String[]::new));
  }
}
