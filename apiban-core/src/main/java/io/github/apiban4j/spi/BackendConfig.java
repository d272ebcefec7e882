package io.github.apiban4j.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Key-value settings for a backend, as given by {@code --backend-option KEY=VALUE} or mapped from an
 * embedding application's own configuration. Each backend documents its keys and rejects unknown
 * ones, so that a typo is an error rather than a silently ignored setting.
 *
 * <p>Keys every backend understands: {@value #NAMESPACE} (the name of a network namespace under
 * {@code /run/netns} or a path to a namespace file; the backend then works only inside it).
 */
public interface BackendConfig {
  String NAMESPACE = "namespace";

  /** The value for {@code key}, if set. */
  Optional<String> get(String key);

  /** The keys that are set. */
  Set<String> keys();

  static BackendConfig empty() {
    return of(Map.of());
  }

  /** A configuration holding a copy of {@code values}. */
  static BackendConfig of(Map<String, String> values) {
    Map<String, String> copy = new TreeMap<>(values);
    return new BackendConfig() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(copy.get(key));
      }

      @Override
      public Set<String> keys() {
        return java.util.Collections.unmodifiableSet(copy.keySet());
      }

      @Override
      public String toString() {
        return "BackendConfig" + copy;
      }
    };
  }

  /** The value for {@code key}, or {@code fallback}. */
  default String get(String key, String fallback) {
    return get(key).orElse(fallback);
  }

  /**
   * A positive integer setting.
   *
   * @throws IllegalArgumentException if the value is not a positive integer
   */
  default int getPositiveInt(String key, int fallback) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.get().trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "backend option " + key + " must be a positive integer, not '" + value.get() + "'");
  }

  /**
   * A duration setting: ISO-8601 ({@code PT5S}) or a number with a unit ({@code 500ms}, {@code 5s},
   * {@code 2m}).
   *
   * @throws IllegalArgumentException if the value is not a duration
   */
  default Duration getDuration(String key, Duration fallback) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return io.github.apiban4j.internal.Durations.parse(value.get());
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException("backend option " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rejects keys outside {@code known} (plus {@value #NAMESPACE}).
   *
   * @throws IllegalArgumentException naming the unknown keys and the accepted ones
   */
  default void requireKnownKeys(String backend, Set<String> known) {
    Set<String> unknown = new java.util.TreeSet<>(keys());
    unknown.removeAll(known);
    unknown.remove(NAMESPACE);
    if (!unknown.isEmpty()) {
      Set<String> accepted = new java.util.TreeSet<>(known);
      accepted.add(NAMESPACE);
      throw new IllegalArgumentException("unknown option(s) " + unknown + " for backend " + backend
          + "; it accepts " + accepted);
    }
  }
}
