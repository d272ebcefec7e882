package io.github.apiban4j.iptables;

import io.github.apiban4j.internal.LinuxHost;
import io.github.apiban4j.internal.SafeText;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.internal.xtables.IptablesVersion;
import io.github.apiban4j.iptables.internal.IptablesBackend;
import io.github.apiban4j.iptables.internal.IptablesSettings;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Provides the {@code iptables} backend: the blocklist in ipset sets filled by {@code ipset
 * restore}, dropped by one {@code -m set} rule per family that {@code iptables-restore} and {@code
 * ip6tables-restore} install; or, in mode {@code rules}, one drop rule per entry.
 *
 * <pre>{@code
 * FirewallBackend backend = new IptablesBackendProvider().create(BackendConfig.of(Map.of(
 *     "hook", "input")));
 * }</pre>
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@value #MODE}: {@code set} (default) keeps the entries in two ipset {@code hash:net} sets
 *       and drops what they match with one rule per family; {@code rules} writes one
 *       {@code -s ADDRESS -j DROP} rule per entry, as the official APIBAN client does, for hosts
 *       without ipset. Each packet is compared with every such rule: 10,000 of them raised a
 *       packet's round trip from 3 to 29 microseconds where a set of 100,000 kept it at 3.</li>
 *   <li>{@value #SET4}, {@value #SET6}: the sets, by default {@code apiban4} and {@code apiban6},
 *       the ones the {@code ipset-netlink} backend fills too, so that switching keeps them.</li>
 *   <li>{@value #CHAIN}: the backend's own chain, by default {@code APIBAN}.</li>
 *   <li>{@value #HOOK}: where the chain is jumped to, as the first rule: {@code prerouting}
 *       (default: table raw, before connection tracking; covers the host, routed traffic and
 *       containers), {@code input}, {@code forward}, {@code docker-user} (table filter), or
 *       {@code none} (mode set only: no rules, the sets are for rules of your own).</li>
 *   <li>{@value #CAPACITY}: the most entries per family (the sets' {@code maxelem}), by default
 *       262144. A set made smaller elsewhere is rebuilt larger when it would fill; a batch that
 *       would exceed the capacity fails with {@link
 *       io.github.apiban4j.spi.FirewallCapacityException} before anything changes.</li>
 *   <li>{@value #TIMEOUT}: the time limit of each tool run, by default 60s.</li>
 *   <li>{@value BackendConfig#NAMESPACE}: a network namespace to work in.</li>
 * </ul>
 *
 * <h2>What to look at</h2>
 * {@code iptables -t raw -nvL APIBAN} (with its counters; {@code -t filter} for the other hook
 * points), {@code ipset list apiban4}. The first {@link FirewallBackend#prepare()} logs a warning
 * if the iptables variant the system does not use (legacy or nft) holds rules, since each variant's
 * tools show only their own ruleset.
 *
 * <h2>Thread-safety</h2>
 * Stateless and safe for concurrent use. Loading the class starts no process.
 */
public final class IptablesBackendProvider implements FirewallBackendProvider {
  /** The backend's name. */
  public static final String NAME = "iptables";
  /** Option: the name of the IPv4 ipset. */
  public static final String SET4 = "set4";
  /** Option: the name of the IPv6 ipset. */
  public static final String SET6 = "set6";
  /** Option: the name of the chain that holds the drop rule. */
  public static final String CHAIN = "chain";
  /**
   * Option: where packets are dropped: {@code prerouting}, {@code input}, {@code forward},
   * {@code docker-user} or {@code none}.
   */
  public static final String HOOK = "hook";
  /** Option: the most entries a set may hold (ipset's {@code maxelem}). */
  public static final String CAPACITY = "capacity";
  /** Option: the time limit of one tool run. */
  public static final String TIMEOUT = "timeout";
  /** Option: {@code set} (ipset sets, the default) or {@code rules} (one rule per entry). */
  public static final String MODE = "mode";

  /** Everything the backend runs; iptables itself only answers the version question. */
  static final List<String> PROGRAMS = List.of("iptables", "iptables-save", "iptables-restore",
      "ip6tables-save", "ip6tables-restore", "ipset");

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  private final ProcessCommandRunner runner;

  /** The provider, looking for the tools in {@code PATH}, /usr/sbin and /sbin. */
  public IptablesBackendProvider() {
    this(new ProcessCommandRunner());
  }

  IptablesBackendProvider(ProcessCommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** 10: the fallback among the kernel backends. */
  @Override
  public int priority() {
    return 10;
  }

  /**
   * Checks that this is Linux, that {@code iptables}, {@code iptables-save},
   * {@code iptables-restore}, their {@code ip6tables} counterparts and {@code ipset} are
   * installed, which variant {@code iptables} is ({@code iptables --version}, which does not talk
   * to the kernel), and that the process holds {@code CAP_NET_ADMIN}.
   */
  @Override
  public Availability probe() {
    return LinuxHost.probe(NAME, this::probeTools);
  }

  /** Describes the tools found, or adds what is missing to {@code problems} and returns null. */
  private String probeTools(List<String> problems) throws IOException {
    Optional<String> missing = runner.missing(PROGRAMS);
    if (missing.isPresent()) {
      problems.add(missing.get());
      return null;
    }
    CommandResult r = runner.run(Command.of("iptables", "--version").withTimeout(PROBE_TIMEOUT));
    Optional<IptablesVersion> version = IptablesVersion.parse(r.stdout());
    if (!r.succeeded() || version.isEmpty()) {
      problems.add("iptables --version answered with status " + r.exitCode() + " and '"
          + SafeText.escape((r.stdout() + r.stderr()).strip(), 200, "") + "', not a version");
      return null;
    }
    return "iptables " + version.get() + " with its save and restore tools for IPv4 and IPv6,"
        + " and ipset";
  }

  /**
   * The backend, configured by {@code config}; it starts no process until it is used.
   *
   * @throws IllegalArgumentException if an option is unknown or invalid (the message names it)
   */
  @Override
  public FirewallBackend create(BackendConfig config) {
    return IptablesBackend.create(runner, IptablesSettings.from(NAME, config));
  }
}
