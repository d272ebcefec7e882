package io.github.apiban4j.examples.cli;

import io.github.apiban4j.OfficialClientConfig;
import io.github.apiban4j.address.AddressFormatException;
import io.github.apiban4j.internal.JsonObjectFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CLI's JSON configuration. Keys are read case-insensitively, the last spelling winning, so an
 * official APIBAN client's {@code config.json} ({@code APIKEY}, {@code LKID}, {@code set},
 * {@code dataset}, ...) works unchanged; its keys are read by {@link OfficialClientConfig}. Any
 * other key gets a warning that names it, so that a typo is not silently ignored; a bad value of a
 * known key is an error naming the key. The file is never written.
 *
 * <pre>
 * {"apikey": "...", "set": "sip", "state": "/var/lib/apiban4j/state.json",
 *  "backend": "nftables", "backendOptions": {"namespace": "edge"},
 *  "allow": ["198.51.100.0/24"], "ttl": "7d", "rateLimit": "11/120", "apiUrl": "https://apiban.org/api/",
 *  "api": "v2", "keyFile": "/etc/apiban4j/key", "fullSyncInterval": "1d",
 *  "interval": "5m", "metrics": "127.0.0.1:9464", "log": "/var/log/apiban4j.log"}
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
    Optional<String> fullSyncInterval,
    Optional<String> interval,
    Optional<String> metrics,
    Optional<String> log,
    Path path,
    List<String> warnings) {

  /** This CLI's own keys, lower-cased; the official clients' keys are accepted too. */
  private static final Set<String> OWN = Set.of("keyfile", "apiurl", "api", "state", "backend",
      "backendoptions", "allow", "ttl", "ratelimit", "fullsyncinterval", "interval", "metrics",
      "log");
  private static final long MAX_BYTES = 1 << 20;

  static ConfigFile read(Path file) throws ConfigException, IOException {
    Set<String> known = new TreeSet<>(OWN);
    known.addAll(OfficialClientConfig.KEYS);
    Map<String, JsonObjectFile.Member> values;
    OfficialClientConfig official;
    try {
      values = JsonObjectFile.read(file, MAX_BYTES, known);
      official = OfficialClientConfig.read(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    List<String> warnings = new ArrayList<>();
    if (!unknown.isEmpty()) {
      // Names that look like words are shown, so a typo can be found; anything else might be a
      // key pasted in the wrong place, and is only counted.
      List<String> shown = unknown.stream().filter(k -> k.matches("[a-z_]{1,24}")).toList();
      int hidden = unknown.size() - shown.size();
      warnings.add("config file " + file + ": ignoring unknown key(s) " + shown
          + (hidden > 0 ? " and " + hidden + " not shown" : "")
          + "; accepted keys are " + known + " (in any case)");
    }
    return new ConfigFile(official,
        text(file, values, "keyfile"), text(file, values, "apiurl"), text(file, values, "api"),
        text(file, values, "state"), text(file, values, "backend"),
        object(file, values, "backendoptions"), list(file, values, "allow"),
        text(file, values, "ttl"), text(file, values, "ratelimit"),
        text(file, values, "fullsyncinterval"), text(file, values, "interval"),
        text(file, values, "metrics"), text(file, values, "log"), file, List.copyOf(warnings));
  }

  private static Optional<String> text(Path file, Map<String, JsonObjectFile.Member> values,
      String key) throws ConfigException {
    JsonObjectFile.Member m = values.get(key);
    if (m == null || m.value() == null) {
      return Optional.empty();
    }
    if (m.value() instanceof String s) {
      return Optional.of(s);
    }
    throw new ConfigException("config file " + file + ": " + m.name() + " must be a string");
  }

  private static List<String> list(Path file, Map<String, JsonObjectFile.Member> values, String key)
      throws ConfigException {
    JsonObjectFile.Member m = values.get(key);
    if (m == null || m.value() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (m.value() instanceof List<?> items) {
      for (Object item : items) {
        if (!(item instanceof String s)) {
          throw new ConfigException("config file " + file + ": " + m.name()
              + " must be a list of strings");
        }
        out.add(s);
      }
      return out;
    }
    throw new ConfigException("config file " + file + ": " + m.name() + " must be a list of strings");
  }

  private static Map<String, String> object(Path file, Map<String, JsonObjectFile.Member> values,
      String key) throws ConfigException {
    JsonObjectFile.Member m = values.get(key);
    if (m == null || m.value() == null) {
      return Map.of();
    }
    if (!(m.value() instanceof Map<?, ?> map)) {
      throw new ConfigException("config file " + file + ": " + m.name() + " must be an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String) && !(e.getValue() instanceof Boolean)) {
        throw new ConfigException("config file " + file + ": " + m.name() + "."
            + AddressFormatException.quote(String.valueOf(e.getKey()))
            + " must be a string, a number or a boolean");
      }
      out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
    }
    return out;
  }
}
