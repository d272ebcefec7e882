package io.github.apiban4j;

import static io.github.apiban4j.address.AddressFormatException.quote;

import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.internal.JsonObjectFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code config.json} of an official APIBAN client, read as it is, so that a user who migrates
 * keeps their key, their place in the feed and their dataset.
 *
 * <h2>What is read</h2>
 * Keys match case-insensitively, as Go's {@code encoding/json} matches them: {@code APIKEY},
 * {@code apikey} or {@code ApiKey}; {@code LKID} (the cursor); {@code set}, or {@code dataset} as
 * the nftables client calls it. {@code VERSION}, {@code FLUSH} and any other key are ignored.
 * Values may be JSON strings or numbers; an empty string or {@code null} counts as absent. When a
 * key appears twice in different cases, the last one wins, again as in Go.
 *
 * <h2>Guarantees</h2>
 * The file is only read, never written (the official clients rewrite it on every run; apiban4j
 * keeps its own state elsewhere). The key's value never appears in an exception message or in
 * {@link #toString()}. A file that holds a key and is readable by other users gets a warning,
 * through {@link ApiKey#warnIfReadableByOthers(Path)}.
 */
public final class OfficialClientConfig {
  private static final Pattern LKID = Pattern.compile("[0-9]{1,20}");
  /** Keys of the official clients' files; an error may name these, and only these. */
  public static final Set<String> KEYS =
      Set.of("apikey", "lkid", "set", "dataset", "setname", "version", "flush", "jail");
  /** A config file is a few lines; anything much bigger is not one. */
  private static final long MAX_BYTES = 1 << 20;

  private final Path file;
  private final ApiKey apiKey;
  private final String lkid;
  private final String set;

  private OfficialClientConfig(Path file, ApiKey apiKey, String lkid, String set) {
    this.file = file;
    this.apiKey = apiKey;
    this.lkid = lkid;
    this.set = set;
  }

  /**
   * Reads {@code file}.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a JSON object, or a value is invalid; the message
   *     names the file and the key, never the key's value
   */
  public static OfficialClientConfig read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Map<String, JsonObjectFile.Member> members = JsonObjectFile.read(file, MAX_BYTES, KEYS);
    Raw raw = new Raw();
    raw.apiKey = scalar(file, members.get("apikey"));
    raw.apiKeyName = nameOf(members.get("apikey"));
    raw.lkid = scalar(file, members.get("lkid"));
    raw.lkidName = nameOf(members.get("lkid"));
    raw.set = scalar(file, members.get("set"));
    raw.setName = nameOf(members.get("set"));
    raw.dataset = scalar(file, members.get("dataset"));
    raw.datasetName = nameOf(members.get("dataset"));
    if (raw.apiKey != null) {
      ApiKey.warnIfReadableByOthers(file);
    }
    return new OfficialClientConfig(file, apiKey(file, raw), lkid(file, raw), set(file, raw));
  }

  /** The text of each key of interest, as written under its last spelling. */
  private static final class Raw {
    String apiKey;
    String apiKeyName;
    String lkid;
    String lkidName;
    String set;
    String setName;
    String dataset;
    String datasetName;
  }

  private static String nameOf(JsonObjectFile.Member member) {
    return member == null ? null : member.name();
  }

  /** A string or a number as text; {@code null} for an absent key, JSON null or a blank string. */
  private static String scalar(Path file, JsonObjectFile.Member member) {
    if (member == null || member.value() == null) {
      return null;
    }
    if (member.value() instanceof String text) {
      String stripped = text.strip();
      return stripped.isEmpty() ? null : stripped;
    }
    throw new IllegalArgumentException("the key " + quote(member.name()) + " in " + file
        + " must be a string or a number, not " + (member.value() instanceof Map ? "an object"
            : member.value() instanceof List ? "an array" : "a boolean"));
  }

  private static ApiKey apiKey(Path file, Raw raw) {
    if (raw.apiKey == null) {
      return null;
    }
    // The installers ship this placeholder; comparing is safe, showing it is not needed.
    if (raw.apiKey.equalsIgnoreCase("MY API KEY") || raw.apiKey.equalsIgnoreCase("MYAPIKEY")) {
      throw new IllegalArgumentException("the key " + quote(raw.apiKeyName) + " in " + file
          + " still holds the installer's placeholder; put your key from"
          + " https://apiban.org/getkey.html there");
    }
    try {
      return ApiKey.of(raw.apiKey);
    } catch (IllegalArgumentException e) {
      // ApiKey's messages never show the key.
      throw new IllegalArgumentException("the key " + quote(raw.apiKeyName) + " in " + file
          + " is not a usable APIBAN key: " + e.getMessage(), e);
    }
  }

  private static String lkid(Path file, Raw raw) {
    if (raw.lkid == null) {
      return null;
    }
    if (!LKID.matcher(raw.lkid).matches()) {
      throw new IllegalArgumentException("the key " + quote(raw.lkidName) + " in " + file + " is "
          + quote(raw.lkid)
          + ", not a feed position (1 to 20 decimal digits; 100 means the start)");
    }
    return raw.lkid;
  }

  private static String set(Path file, Raw raw) {
    // "set" (the Go client) wins over "dataset" (the nftables client) if a file has both.
    String text = raw.set != null ? raw.set : raw.dataset;
    String name = raw.set != null ? raw.setName : raw.datasetName;
    if (text == null) {
      return null;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.equals("sip") && !lower.equals("http") && !lower.equals("all")) {
      throw new IllegalArgumentException("the key " + quote(name) + " in " + file + " is "
          + quote(text) + "; APIBAN serves the sets sip, http and all");
    }
    return lower;
  }

  /** The file this was read from. */
  public Path file() {
    return file;
  }

  /** The APIBAN key, if the file holds one. */
  public Optional<ApiKey> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  /**
   * The official client's cursor ({@code LKID}), as given: 1 to 20 decimal digits. {@code 100},
   * {@code 0} and {@code 1} are the values the clients use for "the start of the feed".
   */
  public Optional<String> lkid() {
    return Optional.ofNullable(lkid);
  }

  /** The dataset: {@code sip}, {@code http} or {@code all}, in lower case. */
  public Optional<String> set() {
    return Optional.ofNullable(set);
  }

  /** Shows whether there is a key, with its fingerprint, never the key. */
  @Override
  public String toString() {
    return "OfficialClientConfig[file=" + file + ", apiKey=" + (apiKey == null ? "none" : apiKey)
        + ", lkid=" + (lkid == null ? "none" : lkid) + ", set=" + (set == null ? "none" : set)
        + "]";
  }
}
