package io.github.apiban4j.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import okio.ByteString;

/**
 * Reads a configuration file that is one JSON object, with the rules of the official APIBAN clients
 * (written in Go): keys match case-insensitively and the last spelling of a key wins; a leading
 * UTF-8 byte-order mark is tolerated. Such a file may hold the API key, so an error never quotes
 * the file's text: it names a position only when the position is made of known key names.
 */
public final class JsonObjectFile {
  private static final ByteString UTF8_BOM = ByteString.decodeHex("efbbbf");

  private JsonObjectFile() {}

  /**
   * A member of the object.
   *
   * @param name the key as spelled in the file
   * @param value a {@code String} (for strings and numbers, as written), a {@code Boolean}, a
   *     {@code List}, a {@code Map} or {@code null}
   */
  public record Member(String name, Object value) {}

  /**
   * The members of the object in {@code file}, by lower-cased key.
   *
   * @param namedKeys lower-cased keys that an error may name
   * @throws IllegalArgumentException if the file is larger than {@code maxBytes} or is not one JSON
   *     object
   */
  public static Map<String, Member> read(Path file, long maxBytes, Set<String> namedKeys)
      throws IOException {
    Buffer content = new Buffer();
    try (InputStream in = Files.newInputStream(file)) {
      content.write(in.readNBytes((int) maxBytes + 1));
    }
    if (content.size() > maxBytes) {
      throw new IllegalArgumentException(file + " is larger than " + maxBytes
          + " bytes: not a configuration file");
    }
    if (content.rangeEquals(0, UTF8_BOM)) {
      content.skip(UTF8_BOM.size()); // left by some Windows editors; Go tolerates it too
    }
    JsonReader reader = JsonReader.of(content);
    try {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new IllegalArgumentException(file + " does not hold a JSON object");
      }
      Map<String, Member> members = new LinkedHashMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        members.put(name.toLowerCase(Locale.ROOT), new Member(name, value(reader)));
      }
      reader.endObject();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IllegalArgumentException(file + " is not valid JSON: data after the object");
      }
      return members;
    } catch (IOException | JsonDataException e) {
      // The reader works on a Buffer, so this is malformed JSON. Moshi's own message can quote the
      // file's text, so it is never shown.
      String path = reader.getPath();
      throw new IllegalArgumentException(file + " is not valid JSON"
          + (isNamed(path, namedKeys) ? " (near " + path + ")" : ""));
    }
  }

  private static Object value(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case STRING, NUMBER -> {
        return reader.nextString();
      }
      case BOOLEAN -> {
        return reader.nextBoolean();
      }
      case NULL -> {
        return reader.nextNull();
      }
      case BEGIN_ARRAY -> {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(value(reader));
        }
        reader.endArray();
        return list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          map.put(name, value(reader));
        }
        reader.endObject();
        return map;
      }
    }
  }

  /** Whether every name in a JSON path ({@code $.allow[2]}) is one of {@code namedKeys}. */
  private static boolean isNamed(String path, Set<String> namedKeys) {
    if (!path.startsWith("$")) {
      return false;
    }
    for (String part : path.substring(1).split("\\.")) {
      String name = part.replaceAll("\\[\\d+]$", "");
      if (!name.isEmpty() && !namedKeys.contains(name.toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }
}
