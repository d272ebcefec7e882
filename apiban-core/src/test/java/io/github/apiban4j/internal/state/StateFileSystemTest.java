package io.github.apiban4j.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.StateFileException;
import io.github.apiban4j.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operating system can refuse: a full disk, permissions, a permissive umask. Root is
 * needed to mount a small tmpfs; as root, permission errors are produced in a second JVM without
 * the capabilities that let root read and write anything.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StateFileSystemTest {
  private static final String NEXT =
      "; the previous state is intact; the next run fetches the same pages again";
  /** Drops the capabilities that bypass file permissions, for the command that follows. */
  private static final List<String> WITHOUT_DAC_OVERRIDE = List.of("setpriv",
      "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search");

  @TempDir Path dir;

  private List<String> names(Path directory) throws IOException {
    try (Stream<Path> s = Files.list(directory)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return p.waitFor() == 0 ? null : "exit " + p.exitValue() + ": " + out;
  }

  /** A one-shot StateFileTool command, run so that file permissions apply even to root. */
  private String asUnprivileged(String command, Path path) throws Exception {
    if (!TestEnvironment.isRoot()) {
      return StateFileTool.run(command, new StateFile(path));
    }
    TestEnvironment.requireCommand("setpriv", "util-linux");
    return ChildJvm.run(WITHOUT_DAC_OVERRIDE, StateFileTool.class, command, path.toString());
  }

  @Test
  void aFullDiskLeavesThePreviousStateIntact() throws Exception {
    TestEnvironment.requireRoot("mount a 64 KiB tmpfs");
    TestEnvironment.requireCommand("mount", "mount");
    Path mount = Files.createDirectory(dir.resolve("small"));
    String failed = exec("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "apiban4j-test",
        mount.toString());
    TestEnvironment.require(failed == null, "mounts a tmpfs (mount said " + failed + ")");
    try {
      StateFile file = new StateFile(mount.resolve("state.json"));
      file.save(StateSamples.small());
      byte[] before = Files.readAllBytes(file.path());

      StoredState tooBig = StateSamples.manyIpv6(5_000); // about 170 KiB
      assertThatThrownBy(() -> file.save(tooBig))
          .isInstanceOf(StateFileException.class)
          .hasMessage("cannot save the state file " + file.path() + ": No space left on device"
              + NEXT);

      assertThat(Files.readAllBytes(file.path())).isEqualTo(before);
      assertThat(file.load()).isEqualTo(new LoadResult.Loaded(StateSamples.small()));
      assertThat(names(mount)).containsExactly("state.json");
      // The space comes back: a later save succeeds.
      file.save(StateSamples.manyIpv6(100));
      assertThat(file.load()).isEqualTo(new LoadResult.Loaded(StateSamples.manyIpv6(100)));
    } finally {
      String unmount = exec("umount", mount.toString());
      assertThat(unmount).as("umount").isNull();
    }
  }

  @Test
  void anUnreadableStateIsAnErrorThatSaysWhatToDoNotCorruption() throws Exception {
    Path path = dir.resolve("state.json");
    new StateFile(path).save(StateSamples.small());
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
    String outcome = asUnprivileged("load", path);
    assertThat(outcome).isEqualTo("StateFileException: cannot read the state file " + path
        + ": Permission denied; run apiban4j as the user that owns " + path + " (see ls -l), or"
        + " give that user read and write access to it and its directory");
    assertThat(names(dir)).containsExactly("state.json");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    assertThat(new StateFile(path).load()).isEqualTo(new LoadResult.Loaded(StateSamples.small()));
  }

  @Test
  void aCorruptFileThatCannotBeMovedAsideIsAnError() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Path path = sub.resolve("state.json");
    Files.writeString(path, "{\"format\":");
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-x------"));
    try {
      String outcome = asUnprivileged("load", path);
      assertThat(outcome).isEqualTo("StateFileException: the state file " + path + " is corrupt"
          + " (truncated: the JSON ends early, at \"$.format\") and cannot be moved aside:"
          + " Permission denied; move or delete it, and the next run starts with a full resync");
      assertThat(names(sub)).containsExactly("state.json");
    } finally {
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aDirectoryWithoutWriteAccessFailsTheSaveAndKeepsTheOldFile() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Path path = sub.resolve("state.json");
    new StateFile(path).save(StateSamples.full());
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-x------"));
    try {
      String outcome = asUnprivileged("save", path);
      assertThat(outcome).startsWith("StateFileException: cannot save the state file " + path
          + ": Permission denied (at " + sub.resolve(".state.json.tmp-")).endsWith(NEXT);
      assertThat(names(sub)).containsExactly("state.json");
      assertThat(new StateFile(path).load()).isEqualTo(new LoadResult.Loaded(StateSamples.full()));
    } finally {
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void filesAreOwnerOnlyEvenUnderAPermissiveUmask() throws Exception {
    TestEnvironment.requireCommand("sh", "dash");
    List<String> umask000 = List.of("sh", "-c", "umask 000 && exec \"$@\"", "sh");
    Path path = dir.resolve("new/state.json");
    assertThat(ChildJvm.run(umask000, StateFileTool.class, "save", path.toString()))
        .isEqualTo("saved");
    assertThat(ChildJvm.run(umask000, StateFileTool.class, "try-lock", path.toString()))
        .isEqualTo("locked");
    assertThat(mode(dir.resolve("new"))).isEqualTo("rwx------");
    assertThat(mode(path)).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("new/state.json.lock"))).isEqualTo("rw-------");
    // The check itself can fail: the same shell trick does give a plain file wide permissions.
    List<String> touch = new ArrayList<>(umask000);
    touch.addAll(List.of("touch", dir.resolve("control").toString()));
    assertThat(exec(touch.toArray(String[]::new))).isNull();
    assertThat(mode(dir.resolve("control"))).isEqualTo("rw-rw-rw-");
  }

  @Test
  void theStateFileIsExactly0600EvenUnderARestrictiveUmask() throws Exception {
    TestEnvironment.requireCommand("sh", "dash");
    // 0277 would leave a new file read-only (0400) unless its mode is set explicitly.
    List<String> umask277 = List.of("sh", "-c", "umask 277 && exec \"$@\"", "sh");
    Path path = dir.resolve("state.json");
    assertThat(ChildJvm.run(umask277, StateFileTool.class, "save", path.toString()))
        .isEqualTo("saved");
    assertThat(mode(path)).isEqualTo("rw-------");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
