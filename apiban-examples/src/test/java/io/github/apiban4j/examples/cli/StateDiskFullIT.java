package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.internal.state.LoadResult;
import io.github.apiban4j.internal.state.StateFile;
import io.github.apiban4j.internal.state.StoredState;
import io.github.apiban4j.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A full state directory (a small tmpfs this test mounts) keeps the old state and says so. */
class StateDiskFullIT extends CliTestBase {
  Path mount;

  static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": "
        + new String(p.getInputStream().readAllBytes())).isZero();
  }

  @BeforeEach
  void mountTmpfs() throws Exception {
    TestEnvironment.requireRoot("mount a small tmpfs for the state");
    TestEnvironment.requireCommand("mount", "mount");
    mount = dir.resolve("small");
    Files.createDirectories(mount);
    run("mount", "-t", "tmpfs", "-o", "size=48k,mode=0700", "apiban-test", mount.toString());
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null && Files.readString(Path.of("/proc/self/mounts")).contains(mount.toString())) {
      run("umount", mount.toString());
    }
  }

  @Override
  Path state() {
    return mount.resolve("state.json");
  }

  @Test
  void aStateThatNoLongerFitsKeepsTheLastCheckpointExits75AndConvergesWithSpace()
      throws Exception {
    apiban.publishMany(20);
    assertThat(apiban("sync").exitCode()).isZero();

    // 3000 more: the checkpoint after four pages (1020 entries) fits in 48k, the next does not.
    apiban.publish(io.github.apiban4j.testkit.TestAddresses.manyIpv6(100_000, 3000)
        .toArray(String[]::new));
    CliRun full = apiban("sync", "--force");
    assertThat(full.exitCode()).as(full.err()).isEqualTo(ExitCode.TEMPORARY);
    assertThat(full.err()).contains("No space left on device").contains("previous state is intact");

    StoredState kept = ((LoadResult.Loaded) new StateFile(state()).load()).state();
    assertThat(kept.cursor()).isEqualTo(Long.toString(FakeApibanIds.last(1020)));
    assertThat(kept.seen().size()).isEqualTo(1020);
    try (var files = Files.list(mount)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .contains("state.json").noneMatch(n -> n.contains(".tmp-"));
    }

    run("mount", "-o", "remount,size=1m", mount.toString());
    CliRun again = apiban("sync", "--json");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.json()).containsEntry("enforced", 3020.0)
        .containsEntry("cursor", Long.toString(FakeApibanIds.last(3020)));
  }
}
