package io.github.apiban4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.client.ApiKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfficialClientConfigTest {
  private static final String KEY = "s3cr3t-Key_value.123";

  @TempDir Path dir;

  private Path write(String json) throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private OfficialClientConfig read(String json) throws IOException {
    return OfficialClientConfig.read(write(json));
  }

  @Test
  void readsTheGoClientsUpperCaseConfig() throws IOException {
    // As written by install_apiban-go-client.sh.
    OfficialClientConfig c = read("{\"APIKEY\":\"" + KEY
        + "\",\"LKID\":\"1698425647\",\"VERSION\":\"0.7\",\"FLUSH\":\"200\"}");
    assertThat(c.apiKey()).hasValue(ApiKey.of(KEY));
    assertThat(c.lkid()).hasValue("1698425647");
    assertThat(c.set()).isEmpty();
  }

  @Test
  void readsTheV2ClientsLowerCaseConfig() throws IOException {
    OfficialClientConfig c = read("{\n\t\"apikey\": \"" + KEY + "\",\n\t\"lkid\": \"100\",\n"
        + "\t\"version\": \"1.0\",\n\t\"set\": \"sip\",\n\t\"flush\": \"1764000000\"\n}\n");
    assertThat(c.apiKey()).hasValue(ApiKey.of(KEY));
    assertThat(c.lkid()).hasValue("100");
    assertThat(c.set()).hasValue("sip");
  }

  @Test
  void readsMixedCaseKeysAndNormalizesTheSet() throws IOException {
    OfficialClientConfig c = read("{\"ApiKey\":\"" + KEY + "\",\"Lkid\":\"0\",\"SET\":\"HTTP\","
        + "\"Version\":7,\"Flush\":null,\"someFutureKey\":{\"nested\":[1,2]}}");
    assertThat(c.apiKey()).hasValue(ApiKey.of(KEY));
    assertThat(c.lkid()).hasValue("0");
    assertThat(c.set()).hasValue("http");
  }

  @Test
  void readsTheNftablesClientsDatasetKey() throws IOException {
    OfficialClientConfig c = read("{\"apikey\":\"" + KEY + "\",\"lkid\":\"100\",\"version\":"
        + "\"nft1.0\",\"flush\":\"100\",\"dataset\":\"all\",\"setname\":\"APIBAN\"}");
    assertThat(c.set()).hasValue("all");
    OfficialClientConfig both = read("{\"set\":\"sip\",\"dataset\":\"all\"}");
    assertThat(both.set()).hasValue("sip");
  }

  @Test
  void acceptsTheLkidAsANumber() throws IOException {
    assertThat(read("{\"LKID\":1698425647}").lkid()).hasValue("1698425647");
    assertThat(read("{\"LKID\":1}").lkid()).hasValue("1");
    assertThat(read("{\"LKID\":98765432109876543210}").lkid()).hasValue("98765432109876543210");
  }

  @Test
  void missingEmptyAndNullValuesAreAbsent() throws IOException {
    OfficialClientConfig none = read("{}");
    assertThat(none.apiKey()).isEmpty();
    assertThat(none.lkid()).isEmpty();
    assertThat(none.set()).isEmpty();
    OfficialClientConfig blank = read("{\"APIKEY\":\"  \",\"LKID\":\"\",\"set\":null}");
    assertThat(blank.apiKey()).isEmpty();
    assertThat(blank.lkid()).isEmpty();
    assertThat(blank.set()).isEmpty();
  }

  @Test
  void theLastSpellingOfAKeyWinsAsInGo() throws IOException {
    OfficialClientConfig c = read("{\"APIKEY\":\"old-key\",\"apikey\":\"" + KEY + "\"}");
    assertThat(c.apiKey()).hasValue(ApiKey.of(KEY));
  }

  @Test
  void toleratesAByteOrderMark() throws IOException {
    assertThat(read("\ufeff{\"LKID\":\"100\"}").lkid()).hasValue("100");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "not json", "[\"APIKEY\"]", "{\"LKID\":\"100\"} {}",
      "{\"LKID\":\"100\",}", "{'LKID':'100'}", "{\"LKID\" \"100\"}"})
  void badJsonNamesTheFile(String json) throws IOException {
    Path file = write(json);
    assertThatThrownBy(() -> OfficialClientConfig.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void badJsonNeverShowsTheKey() throws IOException {
    Path missingComma = write("{\"APIKEY\":\"" + KEY + "\" \"LKID\":\"100\"}");
    assertThatThrownBy(() -> OfficialClientConfig.read(missingComma))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missingComma.toString())
        .hasMessageNotContaining(KEY);
    // The key where a key name belongs, then broken JSON: the location must not quote it.
    Path keyAsName = write("{\"" + KEY + "\":1, oops}");
    assertThatThrownBy(() -> OfficialClientConfig.read(keyAsName))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"ftp\"", "\"sip,http\"", "1", "\" \u001b[31m\""})
  void aBadSetNamesTheFileAndTheKey(String value) throws IOException {
    Path file = write("{\"set\":" + value + "}");
    assertThatThrownBy(() -> OfficialClientConfig.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("\"set\"")
        .hasMessageContaining("sip, http and all")
        .hasMessageNotContaining("\u001b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"abc\"", "-5", "1.5", "1e9", "\"123456789012345678901\"", "\"none\"",
      "true", "[100]"})
  void aBadLkidNamesTheFileAndTheKey(String value) throws IOException {
    Path file = write("{\"Lkid\":" + value + "}");
    assertThatThrownBy(() -> OfficialClientConfig.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("\"Lkid\"");
  }

  @Test
  void aBadKeyNamesTheFileAndTheKeyButNotItsValue() throws IOException {
    Path spaces = write("{\"APIKEY\":\"abc def-secret\"}");
    assertThatThrownBy(() -> OfficialClientConfig.read(spaces))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(spaces.toString())
        .hasMessageContaining("\"APIKEY\"")
        .hasMessageNotContaining("def-secret");
    Path placeholder = write("{\"APIKEY\":\"MY API KEY\"}");
    assertThatThrownBy(() -> OfficialClientConfig.read(placeholder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("placeholder");
    Path array = write("{\"apikey\":[\"" + KEY + "\"]}");
    assertThatThrownBy(() -> OfficialClientConfig.read(array))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"apikey\"")
        .hasMessageContaining("must be a string or a number")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThatThrownBy(() -> OfficialClientConfig.read(dir.resolve("absent.json")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void theFileIsNeverRewritten() throws IOException {
    Path file = write("{\"APIKEY\":\"" + KEY + "\",\"LKID\":\"100\",\"FLUSH\":\"200\"}");
    FileTime past = FileTime.from(Instant.parse("2024-01-02T03:04:05Z"));
    Files.setLastModifiedTime(file, past);
    byte[] before = Files.readAllBytes(file);
    OfficialClientConfig.read(file);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(past);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void toStringNeverShowsTheKey() throws IOException {
    OfficialClientConfig c = read("{\"APIKEY\":\"" + KEY + "\",\"LKID\":\"100\",\"set\":\"all\"}");
    assertThat(c.toString()).doesNotContain(KEY)
        .contains("fingerprint " + ApiKey.of(KEY).fingerprint(), "lkid=100", "set=all");
    assertThat(read("{}").toString()).contains("apiKey=none");
  }

  @Test
  void warnsWhenOtherUsersCanReadTheKey() throws IOException {
    Logger logger = Logger.getLogger("io.github.apiban4j");
    List<LogRecord> records = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      Path file = write("{\"APIKEY\":\"" + KEY + "\"}");
      OfficialClientConfig.read(file);
      assertThat(records).isEmpty();

      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      OfficialClientConfig.read(file);
      assertThat(records).singleElement().satisfies(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getParameters()).contains(file);
      });

      records.clear();
      Path noKey = write("{\"LKID\":\"100\"}");
      Files.setPosixFilePermissions(noKey, PosixFilePermissions.fromString("rw-r--r--"));
      OfficialClientConfig.read(noKey);
      assertThat(records).isEmpty();
    } finally {
      logger.removeHandler(handler);
    }
  }
}
