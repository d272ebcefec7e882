package io.github.apiban4j.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.StateFileException;
import io.github.apiban4j.StateLockedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StateLockTest {
  private static final long PID = ProcessHandle.current().pid();

  @TempDir Path dir;

  private StateFile file() {
    return new StateFile(dir.resolve("state.json"));
  }

  private String tryLockInAnotherProcess() throws Exception {
    return ChildJvm.run(List.of(), StateFileTool.class, "try-lock", file().path().toString());
  }

  @Test
  void aSecondLockInTheSameJvmIsRefused() throws IOException {
    StateFile file = file();
    try (StateLock first = file.lock()) {
      assertThatThrownBy(file::lock)
          .isInstanceOf(StateLockedException.class)
          .hasMessage("another apiban4j run holds the lock on " + file.path() + " (pid " + PID
              + ", this process, since " + first.since()
              + "); it ends on its own, or stop it first")
          .satisfies(e -> {
            StateLockedException locked = (StateLockedException) e;
            assertThat(locked.holderPid()).hasValue(PID);
            assertThat(locked.lockFile()).isEqualTo(file.lockPath());
            assertThat(locked.stateFile()).isEqualTo(file.path());
          });
      // Another StateFile for the same file, by another spelling of the path, is refused too.
      StateFile again = new StateFile(dir.resolve("x/../state.json"));
      Files.createDirectories(dir.resolve("x"));
      assertThatThrownBy(again::lock).isInstanceOf(StateLockedException.class);
      assertThat(first.isHeld()).isTrue();
    }
  }

  @Test
  void theHolderLineIsWrittenWhileHeldAndClearedOnRelease() throws IOException {
    StateFile file = file();
    try (StateLock held = file.lock()) {
      assertThat(Files.readString(file.lockPath())).isEqualTo("pid " + PID + " since "
          + held.since() + "\n");
    }
    // A later holder's lock, found before it writes its line, then names nobody rather than us.
    assertThat(Files.readString(file.lockPath())).isEmpty();
  }

  @Test
  void aRefusedAttemptInThisJvmDoesNotReleaseTheLockForOtherProcesses() throws Exception {
    StateFile file = file();
    try (StateLock first = file.lock()) {
      assertThatThrownBy(file::lock).isInstanceOf(StateLockedException.class);
      assertThat(first.isHeld()).isTrue();
      // POSIX locks drop when the process closes any descriptor of the file; another process
      // must still find it locked.
      assertThat(tryLockInAnotherProcess()).startsWith("refused pid=" + PID + " ");
    }
  }

  @Test
  void aLockHeldByAnotherProcessIsRefusedWithItsPid() throws Exception {
    StateFile file = file();
    Process holder = ChildJvm.builder(List.of(), StateFileTool.class, "lock",
        file.path().toString()).redirectError(dir.resolve("holder.err").toFile()).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine(); // waits until the child holds the lock
      assertThat(line).as("child said (stderr: %s)", dir.resolve("holder.err"))
          .isEqualTo("locked " + holder.pid() + " true");
      assertThatThrownBy(file::lock)
          .isInstanceOf(StateLockedException.class)
          .hasMessageStartingWith("another apiban4j run holds the lock on " + file.path()
              + " (pid " + holder.pid() + ", since ")
          .hasMessageEndingWith("); it ends on its own, or stop it first")
          .satisfies(e -> {
            StateLockedException locked = (StateLockedException) e;
            assertThat(locked.holderPid()).hasValue(holder.pid());
            assertThat(locked.since()).get().matches(t -> t.isBefore(Instant.now().plusSeconds(1)));
          });
    } finally {
      holder.getOutputStream().close(); // the child releases and exits
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(holder.exitValue()).isZero();
    try (StateLock lock = file.lock()) {
      assertThat(lock.isHeld()).isTrue();
    }
  }

  @Test
  void closeReleasesTheLockAndIsIdempotent() throws Exception {
    StateFile file = file();
    StateLock lock = file.lock();
    lock.close();
    lock.close();
    assertThat(lock.isHeld()).isFalse();
    assertThat(tryLockInAnotherProcess()).isEqualTo("locked");
    try (StateLock again = file.lock()) {
      assertThat(again.isHeld()).isTrue();
      lock.close(); // closing the old handle again must not release the new lock
      assertThatThrownBy(file::lock).isInstanceOf(StateLockedException.class);
    }
  }

  @Test
  void theLockFileIsOwnerOnlyRecordsTheHolderAndIsKept() throws IOException {
    StateFile file = file();
    StateLock lock = file.lock();
    Path lockFile = dir.resolve("state.json.lock");
    assertThat(file.lockPath()).isEqualTo(lockFile);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(lockFile))
        .isEqualTo("pid " + PID + " since " + lock.since() + "\n");
    lock.close();
    assertThat(lockFile).exists();
    assertThat(file.path()).doesNotExist(); // locking never creates the state itself
  }

  @Test
  void takingTheLockRemovesTheTempFilesOfAKilledSave() throws IOException {
    Path abandoned = Files.writeString(dir.resolve(".state.json.tmp-0123456789abcdef"), "{\"se");
    Path other = Files.writeString(dir.resolve(".other.json.tmp-0123456789abcdef"), "x");
    Path target = Files.writeString(dir.resolve("target"), "keep");
    Path link = Files.createSymbolicLink(dir.resolve(".state.json.tmp-link"), target);
    try (StateLock lock = file().lock()) {
      assertThat(abandoned).doesNotExist();
      assertThat(other).exists();
      assertThat(link).exists(); // not something a save creates: left alone, never followed
      assertThat(Files.readString(target)).isEqualTo("keep");
    }
  }

  @Test
  void theLockCreatesAMissingDirectory() throws IOException {
    StateFile file = new StateFile(dir.resolve("new/state.json"));
    try (StateLock lock = file.lock()) {
      assertThat(lock.lockFile()).isEqualTo(dir.resolve("new/state.json.lock"));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new"))))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void aSymbolicLinkAsLockFileIsRefused() throws IOException {
    Path target = dir.resolve("elsewhere");
    Files.writeString(target, "keep");
    Files.createSymbolicLink(dir.resolve("state.json.lock"), target);
    assertThatThrownBy(file()::lock).isInstanceOf(StateFileException.class)
        .hasMessageContaining("symbolic link");
    assertThat(Files.readString(target)).isEqualTo("keep");
  }

  @Test
  void unknownHolderTextIsReportedAsUnknown() throws Exception {
    // An old or foreign holder that left other text in the lock file.
    Files.writeString(dir.resolve("state.json.lock"), "\u001b[2J junk");
    Process holder = ChildJvm.builder(List.of(), StateFileTool.class, "lock",
        file().path().toString()).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked " + holder.pid() + " true");
      // Overwrite what the holder recorded, as a foreign tool might.
      Files.writeString(dir.resolve("state.json.lock"), "\u001b[2J junk");
      assertThatThrownBy(file()::lock).isInstanceOf(StateLockedException.class)
          .hasMessageContaining("(holder unknown)")
          .hasMessageNotContaining("\u001b");
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }
}
