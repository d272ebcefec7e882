package io.github.apiban4j.nftables.internal;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.spi.BackendConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The nftables backend's validated settings. Every name here ends up in nft's input, so each is
 * checked against a plain identifier pattern before anything runs.
 *
 * @param table the name of the backend's own {@code inet} table
 * @param set4 the plain set of single IPv4 addresses; its prefixes go to {@code set4 + "net"}
 * @param set6 the plain set of single IPv6 addresses; its prefixes go to {@code set6 + "net"}
 * @param hook {@code prerouting}, {@code input} or {@code forward}
 * @param priority the base chain's priority (raw is -300)
 * @param timeout the time limit of one {@code nft} run
 * @param namespace the network namespace to work in, or null for the caller's own
 */
public record NftSettings(String table, String set4, String set6, String hook, int priority,
    Duration timeout, String namespace) {
  /** The chain the drop rules live in. */
  public static final String CHAIN = "blocklist";
  public static final String DEFAULT_TABLE = "apiban";
  public static final String DEFAULT_SET4 = "apiban4";
  public static final String DEFAULT_SET6 = "apiban6";
  public static final String DEFAULT_HOOK = "prerouting";
  /** The raw priority: before connection tracking (-200), so a dropped packet costs no entry. */
  public static final int RAW_PRIORITY = -300;
  public static final Duration DEFAULT_TIMEOUT = Command.DEFAULT_TIMEOUT;

  /** The hooks a blocklist makes sense on; output and postrouting see only our own traffic. */
  public static final List<String> HOOKS = List.of("prerouting", "input", "forward");

  /** nft's standard priority names, for the hooks above, in the inet family. */
  private static final Map<String, Integer> PRIORITY_NAMES = Map.of(
      "raw", RAW_PRIORITY, "mangle", -150, "dstnat", -100, "filter", 0, "security", 50);
  private static final int PRIORITY_LIMIT = 1000;

  // Room is left for the interval sets' "net" and a layer number within nft's 256-byte limit.
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

  public NftSettings {
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(timeout, "timeout");
    checkName("table", table);
    checkName("set4", set4);
    checkName("set6", set6);
    // The interval sets are named after the plain ones plus "net" and a layer number; one name
    // starting with the other could make the two families' sets collide.
    if (set4.startsWith(set6) || set6.startsWith(set4)) {
      throw new IllegalArgumentException("backend options set4 and set6 must differ and neither may"
          + " start with the other (the prefix sets are named after them): set4=" + set4
          + ", set6=" + set6);
    }
    if (!HOOKS.contains(hook)) {
      throw new IllegalArgumentException("backend option hook must be one of " + HOOKS + ", not '"
          + hook + "'");
    }
    if (priority < -PRIORITY_LIMIT || priority > PRIORITY_LIMIT) {
      throw new IllegalArgumentException("backend option priority must lie in -" + PRIORITY_LIMIT
          + ".." + PRIORITY_LIMIT + ", not " + priority);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("backend option timeout must be positive, not "
          + timeout);
    }
    if (namespace != null) {
      Command.checkNamespace(namespace);
    }
  }

  /** The defaults: table {@code inet apiban}, sets apiban4/apiban6, prerouting at raw priority. */
  public static NftSettings defaults() {
    return new NftSettings(DEFAULT_TABLE, DEFAULT_SET4, DEFAULT_SET6, DEFAULT_HOOK, RAW_PRIORITY,
        DEFAULT_TIMEOUT, null);
  }

  /**
   * Reads the options the provider accepts; unknown keys have already been refused.
   *
   * @throws IllegalArgumentException naming the option whose value is invalid
   */
  public static NftSettings from(BackendConfig config, String tableKey, String set4Key,
      String set6Key, String hookKey, String priorityKey, String timeoutKey) {
    return new NftSettings(
        config.get(tableKey, DEFAULT_TABLE).strip(),
        config.get(set4Key, DEFAULT_SET4).strip(),
        config.get(set6Key, DEFAULT_SET6).strip(),
        config.get(hookKey, DEFAULT_HOOK).strip().toLowerCase(Locale.ROOT),
        config.get(priorityKey).map(NftSettings::parsePriority).orElse(RAW_PRIORITY),
        config.getDuration(timeoutKey, DEFAULT_TIMEOUT),
        config.get(BackendConfig.NAMESPACE).orElse(null));
  }

  /** A priority name ({@code raw}, {@code filter}, …) or a whole number. */
  static int parsePriority(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    Integer named = PRIORITY_NAMES.get(s);
    if (named != null) {
      return named;
    }
    if (s.matches("[+-]?[0-9]{1,9}")) {
      return Integer.parseInt(s);
    }
    throw new IllegalArgumentException("backend option priority must be a whole number or one of "
        + new java.util.TreeSet<>(PRIORITY_NAMES.keySet()) + ", not '" + text + "'");
  }

  private static void checkName(String option, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException("backend option " + option + " must be a letter followed"
          + " by up to 31 letters, digits or underscores, not '" + value + "'");
    }
  }

  /** The plain set of a family's single addresses. */
  public String plainSet(boolean ipv6) {
    return ipv6 ? set6 : set4;
  }

  /**
   * The interval set of a family's prefixes at nesting {@code layer}: {@code apiban4net} for the
   * outermost prefixes (layer 0), {@code apiban4net2} for those nested once, and so on. An interval
   * set refuses overlapping elements, so a prefix inside another goes one layer down.
   */
  public String layerSet(boolean ipv6, int layer) {
    return plainSet(ipv6) + "net" + (layer == 0 ? "" : Integer.toString(layer + 1));
  }

  /**
   * The layer that {@code setName} is for the family, or -1 if it is no layer set of the family.
   */
  public int layerOf(boolean ipv6, String setName) {
    String base = plainSet(ipv6) + "net";
    if (!setName.startsWith(base)) {
      return -1;
    }
    String rest = setName.substring(base.length());
    if (rest.isEmpty()) {
      return 0;
    }
    if (!rest.matches("[2-9]|[1-9][0-9]{1,2}")) {
      return -1;
    }
    int n = Integer.parseInt(rest);
    return n <= 129 ? n - 1 : -1;
  }

  /** {@code inet TABLE}, for messages. */
  public String tableDisplay() {
    return "inet " + table;
  }
}
