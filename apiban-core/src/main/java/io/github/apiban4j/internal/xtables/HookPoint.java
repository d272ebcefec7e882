package io.github.apiban4j.internal.xtables;

import java.util.Locale;

/**
 * Where the drop rule sits in the iptables ruleset: which table and which chain jumps to the
 * backend's own chain. The option {@code hook} names one of these.
 */
public enum HookPoint {
  /** Table raw, chain PREROUTING: before connection tracking (the default). */
  PREROUTING("raw", "PREROUTING"),
  /** Table filter, chain INPUT: traffic to this host only. */
  INPUT("filter", "INPUT"),
  /** Table filter, chain FORWARD: routed traffic only. */
  FORWARD("filter", "FORWARD"),
  /** Table filter, chain DOCKER-USER: traffic to containers, which Docker sends through it. */
  DOCKER_USER("filter", "DOCKER-USER"),
  /** No rules at all: the user references the sets from rules of their own. */
  NONE("", "");

  private static final String ACCEPTED = "prerouting, input, forward, docker-user, none";

  private final String table;
  private final String builtinChain;

  HookPoint(String table, String builtinChain) {
    this.table = table;
    this.builtinChain = builtinChain;
  }

  /**
   * The hook point called {@code value}: {@code prerouting}, {@code input}, {@code forward},
   * {@code docker-user} or {@code none}, in any case.
   *
   * @throws IllegalArgumentException naming the option {@code hook} and the accepted values
   */
  public static HookPoint parse(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    for (HookPoint p : values()) {
      if (p.optionValue().equals(v)) {
        return p;
      }
    }
    throw new IllegalArgumentException("backend option hook must be one of " + ACCEPTED
        + ", not '" + io.github.apiban4j.internal.SafeText.escape(String.valueOf(value), 40, "'")
        + "'");
  }

  /** The option value that names this point: {@code prerouting}, {@code docker-user}, … */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The table: {@code raw} or {@code filter}; empty for {@link #NONE}. */
  public String table() {
    return table;
  }

  /**
   * The chain that jumps to the backend's chain: {@code PREROUTING}, {@code INPUT},
   * {@code FORWARD} or {@code DOCKER-USER}; empty for {@link #NONE}.
   */
  public String builtinChain() {
    return builtinChain;
  }
}
