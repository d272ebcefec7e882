package io.github.apiban4j.internal.http;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import io.github.apiban4j.address.AddressFormatException;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.RejectedEntry;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okio.BufferedSource;

/**
 * Parses an APIBAN reply body as a stream, without building a tree: {@code ipaddress} (an array of
 * strings, or a single string) and {@code ID}. Other members are skipped.
 *
 * <p>Each {@code ipaddress} string is validated with {@link IpPrefix#tryParse}; a string that is
 * not an address literal is kept as a {@link RejectedEntry} (quoted, never applied) unless it is
 * one of APIBAN's sentinel texts. A value of the wrong JSON type, a truncated document, trailing
 * content or more than {@code maxEntries} strings make the whole reply malformed: no partial page
 * ever leaves this class.
 *
 * <p>Failures of the source itself (see {@link CappedSource}) propagate unchanged.
 */
public final class BannedPageParser {
  private static final JsonReader.Options NAMES = JsonReader.Options.of("ipaddress", "ID");

  private BannedPageParser() {}

  /**
   * Reads one reply from {@code source}, to its end.
   *
   * @throws MalformedReplyException if the body is not a well-formed reply
   * @throws IOException if reading the source fails
   */
  public static ApibanReply parse(BufferedSource source, int maxEntries) throws IOException {
    JsonReader reader = JsonReader.of(source);
    try {
      return read(reader, maxEntries);
    } catch (JsonDataException | JsonEncodingException e) {
      throw new MalformedReplyException("the reply is not the expected JSON: " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new MalformedReplyException("the reply body ends before its JSON does", e);
    }
  }

  private static ApibanReply read(JsonReader reader, int maxEntries) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new MalformedReplyException("the reply is not a JSON object");
    }
    List<IpPrefix> entries = null;
    List<RejectedEntry> rejected = new ArrayList<>(0);
    Set<String> messages = new HashSet<>(2);
    String id = null;
    boolean seenId = false;
    reader.beginObject();
    while (reader.hasNext()) {
      int name = reader.selectName(NAMES);
      if (name < 0) {
        // APIBAN's own clients are written in Go, which matches member names ignoring case.
        String other = reader.nextName();
        name = "ipaddress".equalsIgnoreCase(other) ? 0 : "id".equalsIgnoreCase(other) ? 1 : -1;
      }
      if (name == 0) {
        if (entries != null) {
          throw new MalformedReplyException("the reply has two \"ipaddress\" members");
        }
        entries = new ArrayList<>(Math.min(maxEntries, 256));
        readAddresses(reader, maxEntries, entries, rejected, messages);
      } else if (name == 1) {
        if (seenId) {
          throw new MalformedReplyException("the reply has two \"ID\" members");
        }
        seenId = true;
        id = readId(reader);
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new MalformedReplyException("the reply has content after its JSON object");
    }
    return new ApibanReply(entries == null ? List.of() : entries, rejected, messages, id);
  }

  private static void readAddresses(JsonReader reader, int maxEntries, List<IpPrefix> entries,
      List<RejectedEntry> rejected, Set<String> messages) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.STRING) {
      accept(reader.nextString(), entries, rejected, messages);
      return;
    }
    if (token == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    if (token != JsonReader.Token.BEGIN_ARRAY) {
      throw new MalformedReplyException(
          "\"ipaddress\" is neither a string nor an array but " + token);
    }
    reader.beginArray();
    int count = 0;
    while (reader.hasNext()) {
      if (++count > maxEntries) {
        throw new MalformedReplyException(
            "\"ipaddress\" holds more than " + maxEntries + " entries");
      }
      JsonReader.Token element = reader.peek();
      if (element != JsonReader.Token.STRING) {
        // nextString() would also take a number: a feed that sends numbers is not the feed we know.
        throw new MalformedReplyException(
            "entry " + count + " of \"ipaddress\" is " + element + ", not a string");
      }
      accept(reader.nextString(), entries, rejected, messages);
    }
    reader.endArray();
  }

  private static void accept(
      String text, List<IpPrefix> entries, List<RejectedEntry> rejected, Set<String> messages) {
    IpPrefix prefix = IpPrefix.tryParse(text);
    if (prefix != null) {
      entries.add(prefix);
      return;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (ApibanReply.KNOWN_MESSAGES.contains(lower)) {
      messages.add(lower);
      return;
    }
    rejected.add(new RejectedEntry(AddressFormatException.quote(text), reasonFor(text)));
  }

  private static String reasonFor(String text) {
    try {
      IpPrefix.parse(text);
      return "not a valid IPv4 or IPv6 literal"; // unreachable: tryParse said no
    } catch (AddressFormatException e) {
      return e.reason();
    }
  }

  private static String readId(JsonReader reader) throws IOException {
    JsonReader.Token token = reader.peek();
    switch (token) {
      case STRING:
      case NUMBER:
        return reader.nextString();
      case NULL:
        reader.nextNull();
        return null;
      default:
        throw new MalformedReplyException("\"ID\" is " + token + ", not a string");
    }
  }
}
