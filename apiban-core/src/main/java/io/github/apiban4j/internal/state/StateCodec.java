package io.github.apiban4j.internal.state;

import static io.github.apiban4j.address.AddressFormatException.quote;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.github.apiban4j.address.AddressFormatException;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.state.StoredState.FullSyncProgress;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import okio.Buffer;
import okio.BufferedSink;

/**
 * The JSON form of a {@link StoredState}. Version 1:
 *
 * <pre>{@code
 * {"format": "apiban4j-state", "version": 1, "feed": "...", "cursor": "1698425647" or null,
 *  "lastFullSync": "2026-11-24T10:00:00Z" or null, "lastSuccess": ..., "notBefore": ...,
 *  "fullSync": {"cursor": "...", "startedAt": "..."} or null,
 *  "seen": {"192.0.2.1": 1764000000, "2001:db8::/48": 1764000000}}
 * }</pre>
 *
 * Version 2 adds {@code "overrides": {"unbanned": ["198.51.100.7"], "pinned": ["203.0.113.0/24"]}}
 * and is written only when there are overrides, so a state without them stays readable by a
 * version-1 reader. A reader accepts both; {@code overrides} only in version 2.
 *
 * Written and read with Moshi's streaming API (no reflection). Reading is strict: any value the
 * writer could not have produced makes the whole file corrupt, since a state that is half right
 * would silently steer the sync (a wrong cursor skips bans; a wrong time expires them early).
 */
final class StateCodec {
  static final String FORMAT = "apiban4j-state";
  /** 9999-12-31T23:59:59Z: no clock reaches it, so a later "seen" time is damage. */
  static final long MAX_SECOND = 253_402_300_799L;

  private static final Pattern CURSOR = Pattern.compile("[0-9]{1,20}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private StateCodec() {}

  /**
   * Rejects a state that the format cannot hold, before anything is written: saving it would only
   * produce a file that the next load calls corrupt.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  static void validate(StoredState state) {
    checkCursor("cursor", state.cursor());
    if (state.fullSync() != null) {
      checkCursor("fullSync.cursor", state.fullSync().cursor());
    }
    LastSeen seen = state.seen();
    for (int i = 0; i < seen.size(); i++) {
      long s = seen.seenAt(i);
      if (s < 0 || s > MAX_SECOND) {
        throw new IllegalArgumentException("seen time " + s + " of " + seen.entry(i)
            + " is outside 0.." + MAX_SECOND);
      }
    }
  }

  private static void checkCursor(String what, String cursor) {
    if (cursor != null && !CURSOR.matcher(cursor).matches()) {
      throw new IllegalArgumentException(what + " " + quote(cursor)
          + " is not a feed position (1 to 20 decimal digits)");
    }
  }

  /** Writes {@code state} as one JSON document, one field (and one seen entry) per line. */
  static void write(StoredState state, BufferedSink sink) throws IOException {
    JsonWriter w = JsonWriter.of(sink);
    w.setIndent("  ");
    w.setSerializeNulls(true);
    w.beginObject();
    w.name("format").value(FORMAT);
    w.name("version").value(state.formatVersion());
    w.name("feed").value(state.feed());
    w.name("cursor").value(state.cursor());
    w.name("lastFullSync").value(text(state.lastFullSync()));
    w.name("lastSuccess").value(text(state.lastSuccess()));
    w.name("notBefore").value(text(state.notBefore()));
    w.name("fullSync");
    FullSyncProgress full = state.fullSync();
    if (full == null) {
      w.nullValue();
    } else {
      w.beginObject();
      w.name("cursor").value(full.cursor());
      w.name("startedAt").value(full.startedAt().toString());
      w.endObject();
    }
    w.name("seen").beginObject();
    LastSeen seen = state.seen();
    for (int i = 0; i < seen.size(); i++) {
      w.name(seen.entry(i).toString()).value(seen.seenAt(i));
    }
    w.endObject();
    if (!state.overrides().isEmpty()) {
      w.name("overrides").beginObject();
      entries(w.name("unbanned"), state.overrides().unbanned());
      entries(w.name("pinned"), state.overrides().pinned());
      w.endObject();
    }
    w.endObject();
    w.flush();
    sink.writeUtf8("\n");
  }

  private static void entries(JsonWriter w, AddressSet set) throws IOException {
    w.beginArray();
    for (IpPrefix p : set) {
      w.value(p.toString());
    }
    w.endArray();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /**
   * Parses a whole state file held in memory (so that every exception here is about the content,
   * never about I/O).
   *
   * @throws CorruptStateException saying what is wrong and where
   */
  static StoredState read(Buffer content) throws CorruptStateException {
    if (content.size() == 0) {
      throw new CorruptStateException("the file is empty");
    }
    JsonReader reader = JsonReader.of(content);
    try {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new CorruptStateException("not a JSON object (it holds " + kind(reader.peek()) + ")");
      }
      reader.beginObject();
      // The header decides how to read the rest, so check it first wherever it is in the object:
      // a newer version's file must be reported as such, not as a list of unknown fields.
      JsonReader header = reader.peekJson();
      int version;
      try {
        version = checkHeader(header);
      } catch (IOException | JsonDataException e) {
        throw corrupt(e, header);
      }
      StoredState state = readBody(reader, version);
      reader.endObject();
      try {
        reader.peek();
      } catch (JsonEncodingException e) {
        // In strict mode Moshi refuses to look past the first top-level value.
        throw new CorruptStateException("unexpected data after the JSON object");
      }
      return state;
    } catch (IOException | JsonDataException e) {
      throw corrupt(e, reader);
    }
  }

  /** Moshi's complaint as a reason. Its messages may quote the file, so only the path is used. */
  private static CorruptStateException corrupt(Exception e, JsonReader at) {
    String where = quote(at.getPath());
    if (e instanceof EOFException) {
      return new CorruptStateException("truncated: the JSON ends early, at " + where);
    }
    if (e instanceof JsonEncodingException) {
      return new CorruptStateException("malformed or truncated JSON at " + where);
    }
    if (e instanceof JsonDataException) {
      return new CorruptStateException("unexpected JSON at " + where); // e.g. nesting too deep
    }
    // A Buffer does no I/O, so this is a parse failure that Moshi reports in another way.
    return new CorruptStateException("unreadable JSON at " + where);
  }

  private static String kind(JsonReader.Token token) {
    return switch (token) {
      case BEGIN_OBJECT -> "an object";
      case BEGIN_ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "nothing";
    };
  }

  /** Checks the format and version fields; returns the version. */
  private static int checkHeader(JsonReader peek) throws IOException, CorruptStateException {
    String format = null;
    String version = null;
    while (peek.hasNext()) {
      String name = peek.nextName();
      if (name.equals("format") && peek.peek() == JsonReader.Token.STRING) {
        format = peek.nextString();
      } else if (name.equals("version") && peek.peek() == JsonReader.Token.NUMBER) {
        version = peek.nextString();
      } else if (name.equals("format") || name.equals("version")) {
        throw new CorruptStateException("\"" + name + "\" is " + kind(peek.peek())
            + ", not " + (name.equals("format") ? "a string" : "a number"));
      } else {
        peek.skipValue();
      }
    }
    if (format == null) {
      throw new CorruptStateException("no \"format\" field: not an apiban4j state file");
    }
    if (!format.equals(FORMAT)) {
      throw new CorruptStateException("format is " + quote(format) + ", not \"" + FORMAT + "\"");
    }
    if (version == null) {
      throw new CorruptStateException("no \"version\" field");
    }
    if (version.equals(Integer.toString(StoredState.VERSION))) {
      return StoredState.VERSION;
    }
    if (version.equals(Integer.toString(StoredState.VERSION_WITH_OVERRIDES))) {
      return StoredState.VERSION_WITH_OVERRIDES;
    }
    boolean newer = DIGITS.matcher(version).matches()
        && (version.length() > 9 || Integer.parseInt(version) > StoredState.VERSION_WITH_OVERRIDES);
    throw new CorruptStateException(newer
        ? "version " + version + " is newer than this apiban4j reads (version "
            + StoredState.VERSION_WITH_OVERRIDES + "): the file was written by a newer apiban4j"
        : "version " + quote(version) + " is not a known version");
  }

  private static StoredState readBody(JsonReader reader, int version)
      throws IOException, CorruptStateException {
    Set<String> fields = new HashSet<>();
    String feed = null;
    String cursor = null;
    Instant lastFullSync = null;
    Instant lastSuccess = null;
    Instant notBefore = null;
    FullSyncProgress fullSync = null;
    LastSeen seen = null;
    Overrides overrides = Overrides.none();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (!fields.add(name)) {
        throw new CorruptStateException("field " + quote(name) + " appears twice");
      }
      switch (name) {
        case "format", "version" -> reader.skipValue(); // checked by checkHeader
        case "feed" -> feed = string(reader, name);
        case "cursor" -> cursor = nullOr(reader) ? null : cursor(reader, name);
        case "lastFullSync" -> lastFullSync = nullOr(reader) ? null : instant(reader, name);
        case "lastSuccess" -> lastSuccess = nullOr(reader) ? null : instant(reader, name);
        case "notBefore" -> notBefore = nullOr(reader) ? null : instant(reader, name);
        case "fullSync" -> fullSync = nullOr(reader) ? null : fullSync(reader);
        case "seen" -> seen = seen(reader);
        case "overrides" -> {
          if (version < StoredState.VERSION_WITH_OVERRIDES) {
            throw new CorruptStateException("field \"overrides\" in a version " + version + " file");
          }
          overrides = overrides(reader);
        }
        default -> throw new CorruptStateException("unknown field " + quote(name));
      }
    }
    if (feed == null) {
      throw new CorruptStateException("no \"feed\" field");
    }
    if (seen == null) {
      throw new CorruptStateException("no \"seen\" field");
    }
    return new StoredState(feed, cursor, lastFullSync, lastSuccess, notBefore, fullSync, seen,
        overrides);
  }

  private static Overrides overrides(JsonReader reader) throws IOException, CorruptStateException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new CorruptStateException("overrides is " + kind(reader.peek()) + ", not an object");
    }
    reader.beginObject();
    AddressSet unbanned = null;
    AddressSet pinned = null;
    while (reader.hasNext()) {
      String name = reader.nextName();
      switch (name) {
        case "unbanned" -> unbanned = entryList(reader, "overrides.unbanned", unbanned);
        case "pinned" -> pinned = entryList(reader, "overrides.pinned", pinned);
        default -> throw new CorruptStateException("unknown field " + quote(name) + " in overrides");
      }
    }
    reader.endObject();
    if (unbanned == null || pinned == null) {
      throw new CorruptStateException("overrides lacks " + (unbanned == null ? "unbanned" : "pinned"));
    }
    Overrides result = new Overrides(unbanned, pinned);
    for (IpPrefix p : pinned) {
      if (unbanned.contains(p)) {
        throw new CorruptStateException("overrides: " + p + " is both unbanned and pinned");
      }
    }
    return result;
  }

  private static AddressSet entryList(JsonReader reader, String field, AddressSet earlier)
      throws IOException, CorruptStateException {
    if (earlier != null) {
      throw new CorruptStateException("field " + field + " appears twice");
    }
    if (reader.peek() != JsonReader.Token.BEGIN_ARRAY) {
      throw new CorruptStateException(field + " is " + kind(reader.peek()) + ", not an array");
    }
    reader.beginArray();
    AddressSet.Builder b = AddressSet.builder();
    Set<IpPrefix> entries = new HashSet<>();
    int index = 0;
    while (reader.hasNext()) {
      index++;
      String where = field + " entry " + index;
      b.add(uniqueEntry(string(reader, where), where, entries));
    }
    reader.endArray();
    return b.build();
  }

  /** Consumes a JSON null and returns true, or returns false and leaves the value in place. */
  private static boolean nullOr(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return true;
    }
    return false;
  }

  private static String string(JsonReader reader, String field)
      throws IOException, CorruptStateException {
    JsonReader.Token token = reader.peek();
    if (token != JsonReader.Token.STRING) {
      throw new CorruptStateException(field + " is " + kind(token) + ", not a string");
    }
    return reader.nextString();
  }

  private static String cursor(JsonReader reader, String field)
      throws IOException, CorruptStateException {
    String text = string(reader, field);
    if (!CURSOR.matcher(text).matches()) {
      throw new CorruptStateException(field + " " + quote(text)
          + " is not a feed position (1 to 20 decimal digits)");
    }
    return text;
  }

  private static Instant instant(JsonReader reader, String field)
      throws IOException, CorruptStateException {
    String text = string(reader, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new CorruptStateException(field + " " + quote(text)
          + " is not an ISO-8601 UTC time like 2026-11-24T10:00:00Z");
    }
  }

  private static FullSyncProgress fullSync(JsonReader reader)
      throws IOException, CorruptStateException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new CorruptStateException("fullSync is " + kind(reader.peek())
          + ", not an object or null");
    }
    reader.beginObject();
    String cursor = null;
    Instant startedAt = null;
    while (reader.hasNext()) {
      String name = reader.nextName();
      switch (name) {
        case "cursor" -> cursor = cursor(reader, "fullSync.cursor");
        case "startedAt" -> startedAt = instant(reader, "fullSync.startedAt");
        default -> throw new CorruptStateException("unknown field " + quote(name) + " in fullSync");
      }
    }
    reader.endObject();
    if (cursor == null || startedAt == null) {
      throw new CorruptStateException("fullSync lacks "
          + (cursor == null ? "cursor" : "startedAt"));
    }
    return new FullSyncProgress(cursor, startedAt);
  }

  private static LastSeen seen(JsonReader reader) throws IOException, CorruptStateException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new CorruptStateException("seen is " + kind(reader.peek()) + ", not an object");
    }
    reader.beginObject();
    LastSeen.Builder builder = LastSeen.builder();
    // Duplicates are damage (the writer never repeats an entry); finding them needs a set.
    Set<IpPrefix> entries = new HashSet<>();
    int index = 0;
    while (reader.hasNext()) {
      index++;
      IpPrefix entry = uniqueEntry(reader.nextName(), "seen entry " + index, entries);
      builder.put(entry, seconds(reader, index, entry));
    }
    reader.endObject();
    return builder.build();
  }

  /** {@code text} as an entry not among {@code earlier}, which it joins. */
  private static IpPrefix uniqueEntry(String text, String where, Set<IpPrefix> earlier)
      throws CorruptStateException {
    IpPrefix entry;
    try {
      entry = IpPrefix.parse(text);
    } catch (AddressFormatException e) {
      throw new CorruptStateException(where + ": " + e.getMessage());
    }
    if (!earlier.add(entry)) {
      throw new CorruptStateException(where + ": " + entry + " appears twice");
    }
    return entry;
  }

  private static long seconds(JsonReader reader, int index, IpPrefix entry)
      throws IOException, CorruptStateException {
    String where = "seen entry " + index + " (" + entry + "): ";
    JsonReader.Token token = reader.peek();
    if (token != JsonReader.Token.NUMBER) {
      throw new CorruptStateException(where + "the time is " + kind(token) + ", not a number");
    }
    String text = reader.nextString();
    if (text.startsWith("-")) {
      throw new CorruptStateException(where + "the time " + quote(text) + " is negative");
    }
    if (!DIGITS.matcher(text).matches()) {
      throw new CorruptStateException(where + "the time " + quote(text)
          + " is not a whole number of seconds");
    }
    // MAX_SECOND has 12 digits: a longer number is too late, and may not even fit a long.
    if (text.length() > 12 || Long.parseLong(text) > MAX_SECOND) {
      throw new CorruptStateException(where + "the time " + text + " is after the year 9999");
    }
    return Long.parseLong(text);
  }
}
