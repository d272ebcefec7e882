package io.github.apiban4j.iptables.internal;

import static io.github.apiban4j.iptables.IptablesBackendProvider.CAPACITY;
import static io.github.apiban4j.iptables.IptablesBackendProvider.CHAIN;
import static io.github.apiban4j.iptables.IptablesBackendProvider.HOOK;
import static io.github.apiban4j.iptables.IptablesBackendProvider.MODE;
import static io.github.apiban4j.iptables.IptablesBackendProvider.SET4;
import static io.github.apiban4j.iptables.IptablesBackendProvider.SET6;
import static io.github.apiban4j.iptables.IptablesBackendProvider.TIMEOUT;

import io.github.apiban4j.internal.SafeText;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.xtables.HookPoint;
import io.github.apiban4j.internal.xtables.XtablesNames;
import io.github.apiban4j.spi.BackendConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The iptables backend's options, checked: every message names the option at fault.
 *
 * @param mode {@code set} (ipset sets and one rule per family) or {@code rules} (one rule per entry)
 * @param set4 the IPv4 set's name
 * @param set6 the IPv6 set's name
 * @param chain the backend's own chain
 * @param hook where the chain is jumped to from
 * @param capacity the most entries per family
 * @param timeout the time limit of each tool run
 * @param namespace the network namespace to work in, if not the caller's own
 */
public record IptablesSettings(Mode mode, String set4, String set6, String chain, HookPoint hook,
    int capacity, Duration timeout, Optional<String> namespace) {

  /** How the entries are kept. */
  public enum Mode {
    /** In ipset sets, matched by one rule per family. */
    SET,
    /** As one {@code -s ADDRESS -j DROP} rule each. */
    RULES
  }

  /** Every option the backend reads, besides {@value BackendConfig#NAMESPACE}. */
  public static final Set<String> OPTIONS = Set.of(MODE, SET4, SET6, CHAIN, HOOK, CAPACITY, TIMEOUT);

  public static final String DEFAULT_SET4 = "apiban4";
  public static final String DEFAULT_SET6 = "apiban6";
  public static final String DEFAULT_CHAIN = "APIBAN";
  /** Four times APIBAN's usual list, with room for a few prefixes per entry. */
  public static final int DEFAULT_CAPACITY = 262_144;

  /**
   * Reads and checks {@code config}.
   *
   * @throws IllegalArgumentException naming the unknown or invalid option
   */
  public static IptablesSettings from(String backend, BackendConfig config) {
    config.requireKnownKeys(backend, OPTIONS);
    Mode mode = mode(config.get(MODE).orElse("set"));
    List<String> sets = XtablesNames.setPair(config.get(SET4, DEFAULT_SET4),
        config.get(SET6, DEFAULT_SET6));
    String set4 = sets.get(0);
    String set6 = sets.get(1);
    String chain = XtablesNames.chainName(CHAIN, config.get(CHAIN, DEFAULT_CHAIN));
    HookPoint hook = HookPoint.parse(config.get(HOOK, HookPoint.PREROUTING.optionValue()));
    if (mode == Mode.RULES && hook == HookPoint.NONE) {
      throw new IllegalArgumentException("backend option hook=none needs mode=set: in mode=rules"
          + " the rules are the bans, and they must hang off a hook point");
    }
    int capacity = config.getPositiveInt(CAPACITY, DEFAULT_CAPACITY);
    Duration timeout = config.getDuration(TIMEOUT, Command.DEFAULT_TIMEOUT);
    if (timeout.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("backend option timeout must be at least 100ms, not "
          + config.get(TIMEOUT).orElse(""));
    }
    Optional<String> namespace = config.get(BackendConfig.NAMESPACE).map(Command::checkNamespace);
    return new IptablesSettings(mode, set4, set6, chain, hook, capacity, timeout, namespace);
  }

  private static Mode mode(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "set" -> Mode.SET;
      case "rules" -> Mode.RULES;
      default -> throw new IllegalArgumentException("backend option mode must be set or rules, not '"
          + SafeText.escape(value, 40, "'") + "'");
    };
  }

  /** {@code command} with this backend's time limit, in its namespace. */
  public Command prepared(Command command) {
    Command c = command.withTimeout(timeout);
    return namespace.isPresent() ? c.inNamespace(namespace.get()) : c;
  }
}
