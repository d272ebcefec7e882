package io.github.apiban4j.examples.cli;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import io.github.apiban4j.OfficialClientConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import okio.Buffer;

/**
 * The CLI's JSON configuration. Keys are read case-insensitively, so an official APIBAN client's
 * {@code config.json} ({@code APIKEY}, {@code LKID}, {@code set}, ...) works unchanged; its keys are
 * read by {@link OfficialClientConfig}. The file is never written.
 *
 * <pre>
 * {"apikey": "...", "set": "sip", "state": "/var/lib/apiban4j/state.json",
 *  "backend": "nftables", "backendOptions": {"namespace": "edge"},
 *  "allow": ["198.51.100.0/24"], "ttl": "7d", "rateLimit": "11/120", "apiUrl": "https://apiban.org/api/",
 *  "api": "v2", "keyFile": "/etc/apiban4j/key", "fullSyncInterval": "1d"}
 * </pre>
 */
record ConfigFile(
    OfficialClientConfig official,
    Optional<String> keyFile,
    Optional<String> apiUrl,
    Optional<String> api,
    Optional<String> state,
    Optional<String> backend,
    Map<String, String> backendOptions,
    List<String> allow,
    Optional<String> ttl,
    Optional<String> rateLimit,
    Optional<String> fullSyncInterval) {

  /** Official clients' keys (read by OfficialClientConfig) and this CLI's own, lower-cased. */
  private static final Set<String> KNOWN = Set.of("apikey", "lkid", "set", "version", "flush",
      "keyfile", "apiurl", "api", "state", "backend", "backendoptions", "allow", "ttl", "ratelimit",
      "fullsyncinterval");

  static ConfigFile read(Path file) throws ConfigException, IOException {
    Map<String, Object> values = readObject(file);
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(KNOWN);
    if (!unknown.isEmpty()) {
      throw new ConfigException("config file " + file + ": unknown key(s) " + unknown
          + "; accepted keys are " + new TreeSet<>(KNOWN) + " (in any case)");
    }
    OfficialClientConfig official;
    try {
      official = OfficialClientConfig.read(file);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    return new ConfigFile(official,
        text(file, values, "keyfile"), text(file, values, "apiurl"), text(file, values, "api"),
        text(file, values, "state"), text(file, values, "backend"),
        object(file, values, "backendoptions"), list(file, values, "allow"),
        text(file, values, "ttl"), text(file, values, "ratelimit"),
        text(file, values, "fullsyncinterval"));
  }

  private static Map<String, Object> readObject(Path file) throws ConfigException, IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    Object root;
    try (JsonReader reader = JsonReader.of(new Buffer().write(bytes))) {
      root = reader.readJsonValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new ConfigException("config file " + file + ": text after the JSON object");
      }
    } catch (JsonEncodingException | JsonDataException e) {
      throw new ConfigException("config file " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new ConfigException("config file " + file + " must hold a JSON object");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
      if (out.put(key, e.getValue()) != null) {
        throw new ConfigException("config file " + file + ": key " + e.getKey()
            + " appears twice (keys are read case-insensitively)");
      }
    }
    return out;
  }

  private static Optional<String> text(Path file, Map<String, Object> values, String key)
      throws ConfigException {
    Object v = values.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    if (v instanceof Double d && d == Math.rint(d)) {
      return Optional.of(Long.toString(d.longValue()));
    }
    throw new ConfigException("config file " + file + ": " + key + " must be a string");
  }

  private static List<String> list(Path file, Map<String, Object> values, String key)
      throws ConfigException {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> items)) {
      throw new ConfigException("config file " + file + ": " + key + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String s)) {
        throw new ConfigException("config file " + file + ": " + key + " must be a list of strings");
      }
      out.add(s);
    }
    return out;
  }

  private static Map<String, String> object(Path file, Map<String, Object> values, String key)
      throws ConfigException {
    Object v = values.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> map)) {
      throw new ConfigException("config file " + file + ": " + key + " must be an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object value = e.getValue();
      if (value instanceof Double d && d == Math.rint(d)) {
        value = Long.toString(d.longValue());
      }
      if (!(value instanceof String) && !(value instanceof Boolean)) {
        throw new ConfigException("config file " + file + ": " + key + "." + e.getKey()
            + " must be a string or a number");
      }
      out.put(String.valueOf(e.getKey()), String.valueOf(value));
    }
    return out;
  }
}
