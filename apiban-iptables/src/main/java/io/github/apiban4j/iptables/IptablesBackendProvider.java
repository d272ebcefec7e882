package io.github.apiban4j.iptables;

import io.github.apiban4j.internal.LinuxHost;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandNotFoundException;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.internal.xtables.IptablesVersion;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Provides the {@code iptables} backend, which will keep the blocklist in ipset sets filled by
 * {@code ipset restore} and drop their traffic with one {@code -m set} rule per family, installed
 * by {@code iptables-restore} and {@code ip6tables-restore}.
 *
 * <p><b>Not implemented in this release:</b> {@link #probe()} checks the machine for real, but
 * {@link #create} validates its options and then throws {@link BackendUnavailableException}.
 *
 * <h2>Options</h2>
 * Reserved for the backend, and checked now so that a typo fails early: {@value #SET4},
 * {@value #SET6}, {@value #CHAIN}, {@value #HOOK}, {@value #CAPACITY}, {@value #TIMEOUT}, and every
 * backend's {@value BackendConfig#NAMESPACE}.
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
  /** Option: where packets are dropped: {@code prerouting}, {@code input} or {@code forward}. */
  public static final String HOOK = "hook";
  /** Option: the most entries a set may hold (ipset's {@code maxelem}). */
  public static final String CAPACITY = "capacity";
  /** Option: the time limit of one tool run. */
  public static final String TIMEOUT = "timeout";

  static final String NOT_IMPLEMENTED =
      "this release of apiban4j does not implement the iptables backend yet";

  /** Everything the backend will run; iptables itself only answers the version question. */
  static final List<String> PROGRAMS =
      List.of("iptables", "iptables-restore", "ip6tables-restore", "ipset");

  private static final Set<String> OPTIONS = Set.of(SET4, SET6, CHAIN, HOOK, CAPACITY, TIMEOUT);
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
   * Checks that this is Linux, that {@code iptables}, {@code iptables-restore},
   * {@code ip6tables-restore} and {@code ipset} are installed, which variant {@code iptables} is
   * ({@code iptables --version}, which does not talk to the kernel), and that the process holds
   * {@code CAP_NET_ADMIN}.
   */
  @Override
  public Availability probe() {
    Availability found = LinuxHost.probe(NAME, this::probeTools);
    return found.available() ? Availability.unavailable(found.reason() + ", but " + NOT_IMPLEMENTED)
        : found;
  }


  /** Describes the tools found, or adds what is missing to {@code problems} and returns null. */
  private String probeTools(List<String> problems) throws IOException {
    List<String> missing = new ArrayList<>();
    Set<String> packages = new TreeSet<>();
    for (String program : PROGRAMS) {
      try {
        runner.resolve(program);
      } catch (CommandNotFoundException e) {
        missing.add(program);
        e.debianPackage().ifPresent(packages::add);
      }
    }
    if (!missing.isEmpty()) {
      problems.add(String.join(", ", missing) + " not found in "
          + String.join(":", runner.searchPath().stream().map(Object::toString).toList())
          + "; install: apt-get install " + String.join(" ", packages));
      return null;
    }
    CommandResult r = runner.run(Command.of("iptables", "--version").withTimeout(PROBE_TIMEOUT));
    Optional<IptablesVersion> version = IptablesVersion.parse(r.stdout());
    if (!r.succeeded() || version.isEmpty()) {
      String said = (r.stdout() + r.stderr()).strip();
      problems.add("iptables --version answered with status " + r.exitCode() + " and '"
          + (said.length() > 200 ? said.substring(0, 200) + "…" : said) + "', not a version");
      return null;
    }
    return "iptables " + version.get() + " with iptables-restore, ip6tables-restore and ipset";
  }

  /**
   * Validates {@code config} and reports that the backend is not implemented in this release.
   *
   * @throws IllegalArgumentException if an option is unknown or the namespace is malformed
   * @throws BackendUnavailableException always, after validation
   */
  @Override
  public FirewallBackend create(BackendConfig config) throws BackendUnavailableException {
    config.requireKnownKeys(NAME, OPTIONS);
    config.get(BackendConfig.NAMESPACE).ifPresent(Command::checkNamespace);
    throw new BackendUnavailableException(NAME, NOT_IMPLEMENTED
        + "; only its availability probe exists so far");
  }
}
