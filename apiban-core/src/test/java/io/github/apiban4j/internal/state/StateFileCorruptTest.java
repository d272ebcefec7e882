package io.github.apiban4j.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of unreadable state file is moved aside and reported, never thrown. */
class StateFileCorruptTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T10:11:12Z"), ZoneOffset.UTC);
  private static final String HEAD =
      "{\"format\":\"apiban4j-state\",\"version\":1,\"feed\":\"f\",";

  @TempDir Path dir;

  static Stream<Arguments> corruptFiles() {
    return Stream.of(
        Arguments.of("garbage", "hello, world", "malformed or truncated JSON"),
        Arguments.of("empty file", "", "the file is empty"),
        Arguments.of("only whitespace", "  \n", "truncated"),
        Arguments.of("array", "[1,2]", "not a JSON object (it holds an array)"),
        Arguments.of("binary", "\u0000\u0001\u0002", "malformed"),
        Arguments.of("data after the object", HEAD + "\"seen\":{}} {}", "after the JSON object"),
        Arguments.of("no format", "{\"version\":1,\"feed\":\"f\",\"seen\":{}}",
            "no \"format\" field"),
        Arguments.of("wrong format", "{\"format\":\"apiban-go\",\"version\":1,\"seen\":{}}",
            "format is \"apiban-go\", not \"apiban4j-state\""),
        Arguments.of("format not a string", "{\"format\":7,\"version\":1}",
            "\"format\" is a number, not a string"),
        Arguments.of("no version", "{\"format\":\"apiban4j-state\",\"feed\":\"f\",\"seen\":{}}",
            "no \"version\" field"),
        Arguments.of("newer version", "{\"format\":\"apiban4j-state\",\"version\":3,"
            + "\"feed\":\"f\",\"seen\":{},\"shiny\":true}",
            "version 3 is newer than this apiban4j reads (version 2)"),
        Arguments.of("overrides in a version 1 file",
            HEAD + "\"seen\":{},\"overrides\":{\"unbanned\":[],\"pinned\":[]}}",
            "field \"overrides\" in a version 1 file"),
        Arguments.of("overrides not an object", HEAD.replace("\"version\":1", "\"version\":2")
            + "\"seen\":{},\"overrides\":[]}", "overrides is an array, not an object"),
        Arguments.of("overrides without pinned", HEAD.replace("\"version\":1", "\"version\":2")
            + "\"seen\":{},\"overrides\":{\"unbanned\":[]}}", "overrides lacks pinned"),
        Arguments.of("override not an address", HEAD.replace("\"version\":1", "\"version\":2")
            + "\"seen\":{},\"overrides\":{\"unbanned\":[\"example.com\"],\"pinned\":[]}}",
            "overrides.unbanned entry 1: "),
        Arguments.of("override both ways", HEAD.replace("\"version\":1", "\"version\":2")
            + "\"seen\":{},\"overrides\":{\"unbanned\":[\"192.0.2.1\"],"
            + "\"pinned\":[\"192.0.2.1\"]}}", "192.0.2.1 is both unbanned and pinned"),
        Arguments.of("override repeated", HEAD.replace("\"version\":1", "\"version\":2")
            + "\"seen\":{},\"overrides\":{\"unbanned\":[],\"pinned\":[\"2001:db8::1\","
            + "\"2001:DB8::1\"]}}", "overrides.pinned entry 2: 2001:db8::1 appears twice"),
        Arguments.of("much newer version",
            "{\"format\":\"apiban4j-state\",\"version\":99999999999,\"seen\":{}}",
            "version 99999999999 is newer"),
        Arguments.of("version zero", "{\"format\":\"apiban4j-state\",\"version\":0}",
            "version \"0\" is not a known version"),
        Arguments.of("version as string", "{\"format\":\"apiban4j-state\",\"version\":\"1\"}",
            "\"version\" is a string, not a number"),
        Arguments.of("unknown field", HEAD + "\"seen\":{},\"extra\":1}", "unknown field \"extra\""),
        Arguments.of("repeated field", HEAD + "\"seen\":{},\"feed\":\"g\"}",
            "field \"feed\" appears twice"),
        Arguments.of("no feed",
            "{\"format\":\"apiban4j-state\",\"version\":1,\"seen\":{}}", "no \"feed\" field"),
        Arguments.of("feed not a string",
            "{\"format\":\"apiban4j-state\",\"version\":1,\"feed\":1,\"seen\":{}}",
            "feed is a number, not a string"),
        Arguments.of("no seen", HEAD + "\"cursor\":null}", "no \"seen\" field"),
        Arguments.of("seen not an object", HEAD + "\"seen\":[\"192.0.2.1\"]}",
            "seen is an array, not an object"),
        Arguments.of("invalid address", HEAD
            + "\"seen\":{\"192.0.2.1\":1,\"198.51.100.7\":2,\"192.0.2.256\":3}}",
            "seen entry 3: "),
        Arguments.of("host name", HEAD + "\"seen\":{\"example.com\":1}}",
            "seen entry 1: "),
        Arguments.of("host bits set", HEAD + "\"seen\":{\"192.0.2.1/24\":1}}", "seen entry 1: "),
        Arguments.of("leading zeros", HEAD + "\"seen\":{\"192.0.2.01\":1}}", "seen entry 1: "),
        Arguments.of("duplicate entry", HEAD
            + "\"seen\":{\"2001:db8::1\":1,\"2001:DB8:0::1\":2}}",
            "seen entry 2: 2001:db8::1 appears twice"),
        Arguments.of("negative time", HEAD + "\"seen\":{\"192.0.2.1\":-5}}",
            "seen entry 1 (192.0.2.1): the time \"-5\" is negative"),
        Arguments.of("fractional time", HEAD + "\"seen\":{\"192.0.2.1\":1.5}}",
            "seen entry 1 (192.0.2.1): the time \"1.5\" is not a whole number of seconds"),
        Arguments.of("exponent time", HEAD + "\"seen\":{\"192.0.2.1\":1e9}}",
            "is not a whole number of seconds"),
        Arguments.of("time as string", HEAD + "\"seen\":{\"192.0.2.1\":\"1764000000\"}}",
            "seen entry 1 (192.0.2.1): the time is a string, not a number"),
        Arguments.of("time null", HEAD + "\"seen\":{\"203.0.113.5\":null}}",
            "seen entry 1 (203.0.113.5): the time is null, not a number"),
        Arguments.of("time beyond year 9999",
            HEAD + "\"seen\":{\"192.0.2.1\":99999999999999999999}}", "is after the year 9999"),
        Arguments.of("time just beyond year 9999",
            HEAD + "\"seen\":{\"192.0.2.1\":253402300800}}", "is after the year 9999"),
        Arguments.of("cursor with letters", HEAD + "\"cursor\":\"17x\",\"seen\":{}}",
            "cursor \"17x\" is not a feed position"),
        Arguments.of("cursor too long",
            HEAD + "\"cursor\":\"123456789012345678901\",\"seen\":{}}", "is not a feed position"),
        Arguments.of("cursor none", HEAD + "\"cursor\":\"none\",\"seen\":{}}",
            "cursor \"none\""),
        Arguments.of("cursor as number", HEAD + "\"cursor\":1698425647,\"seen\":{}}",
            "cursor is a number, not a string"),
        Arguments.of("invalid timestamp", HEAD + "\"lastSuccess\":\"yesterday\",\"seen\":{}}",
            "lastSuccess \"yesterday\" is not an ISO-8601 UTC time"),
        Arguments.of("timestamp without zone",
            HEAD + "\"lastFullSync\":\"2026-11-24T10:00:00\",\"seen\":{}}",
            "lastFullSync \"2026-11-24T10:00:00\" is not an ISO-8601"),
        Arguments.of("timestamp as number", HEAD + "\"notBefore\":1764000000,\"seen\":{}}",
            "notBefore is a number, not a string"),
        Arguments.of("fullSync without startedAt",
            HEAD + "\"fullSync\":{\"cursor\":\"100\"},\"seen\":{}}", "fullSync lacks startedAt"),
        Arguments.of("fullSync with a bad cursor",
            HEAD + "\"fullSync\":{\"cursor\":\"-1\",\"startedAt\":\"2026-11-24T10:00:00Z\"},"
                + "\"seen\":{}}", "fullSync.cursor \"-1\" is not a feed position"),
        Arguments.of("fullSync unknown field",
            HEAD + "\"fullSync\":{\"cursor\":\"1\",\"x\":1},\"seen\":{}}",
            "unknown field \"x\" in fullSync"),
        Arguments.of("fullSync not an object", HEAD + "\"fullSync\":\"100\",\"seen\":{}}",
            "fullSync is a string, not an object or null"),
        Arguments.of("nesting too deep", HEAD + "\"seen\":{},\"x\":" + "[".repeat(300)
            + "]".repeat(300) + "}", "at \"$"),
        Arguments.of("truncated", StateSamples.FULL_JSON.substring(0, 200), "truncated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptFiles")
  void isMovedAsideAndReported(String name, String content, String reason) throws IOException {
    Path path = dir.resolve("state.json");
    Files.writeString(path, content, StandardCharsets.UTF_8);
    LoadResult result = new StateFile(path, CLOCK).load();
    assertThat(result).isInstanceOf(LoadResult.Corrupt.class);
    LoadResult.Corrupt corrupt = (LoadResult.Corrupt) result;
    assertThat(corrupt.reason()).contains(reason);
    assertThat(corrupt.movedTo()).isEqualTo(dir.resolve("state.json.corrupt-20261124T101112Z"));
    assertThat(Files.readString(corrupt.movedTo(), StandardCharsets.UTF_8)).isEqualTo(content);
    assertThat(path).doesNotExist();
    // The next run starts afresh rather than failing again.
    assertThat(new StateFile(path, CLOCK).load()).isEqualTo(new LoadResult.Missing());
  }

  @Test
  void theReasonNamesTheEntryAndEscapesHostileText() throws IOException {
    Path path = dir.resolve("state.json");
    Files.writeString(path, HEAD
        + "\"seen\":{\"192.0.2.1\":1,\"192.0.2.2\\u001b[31m\\nFAKE LOG LINE\":2}}");
    LoadResult.Corrupt corrupt = (LoadResult.Corrupt) new StateFile(path, CLOCK).load();
    assertThat(corrupt.reason()).startsWith("seen entry 2: ")
        .contains("\"192.0.2.2\\u001b[31m\\u000aFAKE LOG LINE\"")
        .doesNotContain("\u001b", "\n");
  }

  @Test
  void everyTruncationOfAValidFileIsCorrupt() throws IOException {
    byte[] full = StateSamples.FULL_JSON.getBytes(StandardCharsets.UTF_8);
    Path path = dir.resolve("state.json");
    // Cutting only the final newline leaves a complete document; every shorter cut is damage.
    for (int length = 0; length < full.length - 1; length++) {
      Files.write(path, Arrays.copyOf(full, length));
      LoadResult result = new StateFile(path, CLOCK).load();
      assertThat(result).as("cut at %d", length).isInstanceOf(LoadResult.Corrupt.class);
      Files.delete(((LoadResult.Corrupt) result).movedTo());
    }
    Files.write(path, Arrays.copyOf(full, full.length - 1));
    assertThat(new StateFile(path, CLOCK).load()).isInstanceOf(LoadResult.Loaded.class);
  }

  @Test
  void aFileAboveTheSizeCapIsCorruptWithoutBeingReadWhole() throws IOException {
    Path path = dir.resolve("state.json");
    new StateFile(path).save(StateSamples.manyIpv6(10_000)); // about 350 KB
    LoadResult result = new StateFile(path, CLOCK, 100_000).load();
    assertThat(result).isInstanceOf(LoadResult.Corrupt.class);
    assertThat(((LoadResult.Corrupt) result).reason())
        .isEqualTo("the file is larger than 100000 bytes, far more than any real state");
    Path moved = ((LoadResult.Corrupt) result).movedTo();
    assertThat(new StateFile(moved).load())
        .isEqualTo(new LoadResult.Loaded(StateSamples.manyIpv6(10_000)));
  }

  @Test
  void anEarlierCorruptFileIsNeverOverwritten() throws IOException {
    Path path = dir.resolve("state.json");
    Files.writeString(path, "first");
    Path first = ((LoadResult.Corrupt) new StateFile(path, CLOCK).load()).movedTo();
    Files.writeString(path, "second");
    Path second = ((LoadResult.Corrupt) new StateFile(path, CLOCK).load()).movedTo();
    assertThat(second).isNotEqualTo(first)
        .isEqualTo(dir.resolve("state.json.corrupt-20261124T101112Z-1"));
    assertThat(Files.readString(first)).isEqualTo("first");
    assertThat(Files.readString(second)).isEqualTo("second");
  }

  @Test
  void theSystemClockNamesTheMovedFileInUtc() throws IOException {
    Path path = dir.resolve("state.json");
    Files.writeString(path, "{");
    Instant before = Instant.now().minusSeconds(1);
    Path moved = ((LoadResult.Corrupt) new StateFile(path).load()).movedTo();
    String name = moved.getFileName().toString();
    assertThat(name).matches("state\\.json\\.corrupt-\\d{8}T\\d{6}Z");
    Instant stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC).parse(name.substring(name.indexOf('-') + 1), Instant::from);
    assertThat(stamp).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(List.of(moved.getParent())).containsExactly(dir);
  }
}
