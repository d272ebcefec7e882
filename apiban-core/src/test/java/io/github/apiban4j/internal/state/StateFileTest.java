package io.github.apiban4j.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.StateFileException;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.state.StoredState.FullSyncProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
  @TempDir Path dir;

  private static StoredState loaded(LoadResult result) {
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).state();
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void missingFileIsMissing() throws IOException {
    assertThat(new StateFile(dir.resolve("state.json")).load()).isEqualTo(new LoadResult.Missing());
  }

  @Test
  void everyFieldRoundTrips() throws IOException {
    StateFile file = new StateFile(dir.resolve("state.json"));
    file.save(StateSamples.full());
    StoredState back = loaded(file.load());
    assertThat(back).isEqualTo(StateSamples.full());
    assertThat(back.seen().entry(3)).isEqualTo(IpPrefix.parse("2001:db8::1"));
    assertThat(back.seen().seenAt(3)).isEqualTo(1_764_000_300L);
  }

  @Test
  void nullsAndAnEmptyTableRoundTrip() throws IOException {
    StateFile file = new StateFile(dir.resolve("state.json"));
    StoredState initial = StoredState.initial("v1 https://apiban.org/api/");
    file.save(initial);
    assertThat(loaded(file.load())).isEqualTo(initial);
    assertThat(Files.readString(file.path())).contains("\"cursor\": null", "\"seen\": {}",
        "\"fullSync\": null", "\"notBefore\": null");
  }

  @Test
  void nanosecondsAndNotBeforeRoundTrip() throws IOException {
    StateFile file = new StateFile(dir.resolve("state.json"));
    StoredState s = new StoredState("", "0", Instant.parse("2026-11-24T10:00:00.123456789Z"),
        Instant.EPOCH, Instant.parse("2026-11-24T10:02:00.5Z"),
        new FullSyncProgress("100", Instant.parse("2026-11-24T09:59:59.000001Z")),
        LastSeen.builder().put(IpPrefix.parse("2001:db8:fffe::/47"), 0).build());
    file.save(s);
    assertThat(loaded(file.load())).isEqualTo(s);
  }

  @Test
  void theFileHasTheDocumentedFormat() throws IOException {
    StateFile file = new StateFile(dir.resolve("state.json"));
    file.save(StateSamples.full());
    assertThat(Files.readString(file.path())).isEqualTo(StateSamples.FULL_JSON);
  }

  @Test
  void aHandWrittenVersionOneFileLoads() throws IOException {
    // The same content in another order and without whitespace: readers must not depend on layout.
    String json = "{\"seen\":{\"2001:db8::1\":1764000300,\"198.51.100.0/24\":1764000100,"
        + "\"192.0.2.1\":1764000000,\"2001:db8::/48\":1764000200},\"version\":1,"
        + "\"fullSync\":{\"startedAt\":\"2026-11-24T09:00:00Z\",\"cursor\":\"1698400000\"},"
        + "\"feed\":\"v2 sip https://apiban.org/api/\",\"cursor\":\"1698425647\","
        + "\"lastSuccess\":\"2026-11-24T10:05:00Z\",\"lastFullSync\":\"2026-11-24T10:00:00Z\","
        + "\"format\":\"apiban4j-state\"}";
    Path path = dir.resolve("state.json");
    Files.writeString(path, json);
    assertThat(loaded(new StateFile(path).load())).isEqualTo(StateSamples.full());
  }

  @Test
  void theFileIsOwnerOnlyAndHoldsOnlyTheDocumentedFields() throws IOException {
    Path path = dir.resolve("state.json");
    Files.writeString(path, "old");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
    new StateFile(path).save(StateSamples.full());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-------");
    String text = Files.readString(path);
    assertThat(text.lines().filter(l -> l.startsWith("  \"")).map(l -> l.split("\"")[1]))
        .containsExactly("format", "version", "feed", "cursor", "lastFullSync", "lastSuccess",
            "notBefore", "fullSync", "seen");
    assertThat(text.toLowerCase()).doesNotContain("key", "authorization", "bearer");
  }

  @Test
  void aMissingDirectoryIsCreatedOwnerOnly() throws IOException {
    Path path = dir.resolve("a/b/state.json");
    new StateFile(path).save(StateSamples.small());
    assertThat(loaded(new StateFile(path).load())).isEqualTo(StateSamples.small());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void noTemporaryFileRemainsAfterSaves() throws IOException {
    StateFile file = new StateFile(dir.resolve("state.json"));
    file.save(StateSamples.full());
    file.save(StateSamples.small());
    assertThat(names()).containsExactly("state.json");
    assertThat(loaded(file.load())).isEqualTo(StateSamples.small());
  }

  @Test
  void aFailedSaveLeavesNoTemporaryFileAndSaysWhatHappensNext() throws IOException {
    // A non-empty directory at the state path: the final rename fails after the temp is written.
    Path path = dir.resolve("state.json");
    Files.createDirectories(path.resolve("inside"));
    assertThatThrownBy(() -> new StateFile(path).save(StateSamples.full()))
        .isInstanceOf(StateFileException.class)
        .hasMessageStartingWith("cannot save the state file " + path + ": ")
        .hasMessageEndingWith(
            "; the previous state is intact; the next run fetches the same pages again");
    assertThat(names()).containsExactly("state.json");
    assertThat(path.resolve("inside")).isDirectory();
  }

  @Test
  void aStateTheFormatCannotHoldIsRefusedBeforeWriting() throws IOException {
    StateFile file = new StateFile(dir.resolve("state.json"));
    file.save(StateSamples.small());
    StoredState badCursor = new StoredState("f", "12ab", null, null, null, null, LastSeen.empty());
    StoredState badTime = new StoredState("f", null, null, null, null, null,
        LastSeen.builder().put(IpPrefix.parse("192.0.2.7"), -1).build());
    StoredState badFull = new StoredState("f", null, null, null, null,
        new FullSyncProgress("none", Instant.EPOCH), LastSeen.empty());
    assertThatThrownBy(() -> file.save(badCursor)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cursor \"12ab\"");
    assertThatThrownBy(() -> file.save(badTime)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("192.0.2.7");
    assertThatThrownBy(() -> file.save(badFull)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fullSync.cursor");
    assertThat(loaded(file.load())).isEqualTo(StateSamples.small());
    assertThat(names()).containsExactly("state.json");
  }

  @Test
  void saveReplacesASymbolicLinkInsteadOfWritingThroughIt() throws IOException {
    Path victim = dir.resolve("victim");
    Files.writeString(victim, "not yours");
    Path path = dir.resolve("state.json");
    Files.createSymbolicLink(path, victim);
    new StateFile(path).save(StateSamples.small());
    assertThat(Files.isSymbolicLink(path)).isFalse();
    assertThat(Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(Files.readString(victim)).isEqualTo("not yours");
    assertThat(loaded(new StateFile(path).load())).isEqualTo(StateSamples.small());
  }

  @Test
  void loadRefusesASymbolicLink() throws IOException {
    Path real = dir.resolve("real.json");
    new StateFile(real).save(StateSamples.small());
    Path path = dir.resolve("state.json");
    Files.createSymbolicLink(path, real);
    assertThatThrownBy(() -> new StateFile(path).load())
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining(path.toString())
        .hasMessageContaining("symbolic link")
        .hasMessageContaining("refuses to follow it");
    // Nothing was moved or changed.
    assertThat(Files.isSymbolicLink(path)).isTrue();
    assertThat(loaded(new StateFile(real).load())).isEqualTo(StateSamples.small());
  }

  @Test
  void loadRefusesADanglingSymbolicLinkRatherThanCallingItMissing() throws IOException {
    Path path = dir.resolve("state.json");
    Files.createSymbolicLink(path, dir.resolve("nowhere"));
    assertThatThrownBy(() -> new StateFile(path).load()).isInstanceOf(StateFileException.class)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void loadRefusesADirectory() throws IOException {
    Path path = dir.resolve("state.json");
    Files.createDirectory(path);
    assertThatThrownBy(() -> new StateFile(path).load()).isInstanceOf(StateFileException.class)
        .hasMessageContaining("is not a regular file");
    assertThat(path).isDirectory();
  }

  @Test
  void theFileEndsWithANewlineAndIsUtf8() throws IOException {
    StateFile file = new StateFile(dir.resolve("state.json"));
    StoredState s = new StoredState("feed \u00e9\u4e2d\"\\\u0001", null, null, null, null, null,
        LastSeen.empty());
    file.save(s);
    byte[] bytes = Files.readAllBytes(file.path());
    assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\u00e9\u4e2d");
    assertThat(loaded(file.load())).isEqualTo(s);
  }
}
