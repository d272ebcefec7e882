package io.github.apiban4j.nftables;

import io.github.apiban4j.internal.LinuxHost;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandNotFoundException;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.nftables.internal.NftSettings;
import io.github.apiban4j.nftables.internal.NftVersion;
import io.github.apiban4j.nftables.internal.NftablesBackend;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Provides the {@code nftables} backend, which keeps the blocklist in nftables sets of a table of its
 * own and applies each batch as one {@code nft -j -f -} transaction.
 *
 * <h2>What it creates</h2>
 * Table {@code inet apiban} holding plain sets {@code apiban4} and {@code apiban6} for single
 * addresses, interval sets {@code apiban4net} and {@code apiban6net} for prefixes (plus
 * {@code apiban4net2}… for prefixes nested inside others), and a base chain {@code blocklist} on
 * {@code prerouting} at raw priority (-300, before connection tracking) with one
 * {@code ip saddr @SET counter drop} rule per set. {@code nft list table inet apiban} shows it all,
 * hits included. Uninstalling deletes that table and nothing else; the backend refuses to work in a
 * table that holds anything it did not create.
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@value #TABLE}: the {@code inet} table's name (default {@code apiban});</li>
 *   <li>{@value #SET4}, {@value #SET6}: the plain sets' names (default {@code apiban4},
 *       {@code apiban6}); the interval sets add {@code net};</li>
 *   <li>{@value #HOOK}: {@code prerouting} (default; covers host, forwarded and container traffic),
 *       {@code input} or {@code forward};</li>
 *   <li>{@value #PRIORITY}: the chain's priority, a number or {@code raw} (default), {@code mangle},
 *       {@code dstnat}, {@code filter}, {@code security};</li>
 *   <li>{@value #TIMEOUT}: the time limit of one {@code nft} run (default 60s);</li>
 *   <li>{@value BackendConfig#NAMESPACE}: work in that network namespace
 *       ({@code ip netns exec NAME nft …}).</li>
 * </ul>
 *
 * <h2>Thread-safety</h2>
 * Stateless and safe for concurrent use. Loading the class starts no process.
 */
public final class NftablesBackendProvider implements FirewallBackendProvider {
  /** The backend's name. */
  public static final String NAME = "nftables";
  /** Option: the nftables table (family {@code inet}) that holds the sets and the drop rules. */
  public static final String TABLE = "table";
  /** Option: the name of the plain IPv4 set. */
  public static final String SET4 = "set4";
  /** Option: the name of the plain IPv6 set. */
  public static final String SET6 = "set6";
  /** Option: where packets are dropped: {@code prerouting}, {@code input} or {@code forward}. */
  public static final String HOOK = "hook";
  /** Option: the base chain's priority, a number or a name such as {@code raw}. */
  public static final String PRIORITY = "priority";
  /** Option: the time limit of one {@code nft} run. */
  public static final String TIMEOUT = "timeout";

  private static final Set<String> OPTIONS = Set.of(TABLE, SET4, SET6, HOOK, PRIORITY, TIMEOUT);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  private final ProcessCommandRunner runner;

  /** The provider, looking for {@code nft} in {@code PATH}, /usr/sbin and /sbin. */
  public NftablesBackendProvider() {
    this(new ProcessCommandRunner());
  }

  NftablesBackendProvider(ProcessCommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** 20: below ipset-netlink, which needs no process per batch; above iptables. */
  @Override
  public int priority() {
    return 20;
  }

  /**
   * Checks that this is Linux, that {@code nft} is installed, answers {@code --version} with a
   * supported release, and that the process holds {@code CAP_NET_ADMIN}. Runs {@code nft --version}
   * only, which does not talk to the kernel; whether the kernel has nf_tables is not probed.
   */
  @Override
  public Availability probe() {
    return LinuxHost.probe(NAME, this::probeNft);
  }

  /** Describes the nft found, or adds why there is none to {@code problems} and returns null. */
  private String probeNft(List<String> problems) throws IOException {
    Path nft;
    try {
      nft = runner.resolve("nft");
    } catch (CommandNotFoundException e) {
      problems.add(e.getMessage());
      return null;
    }
    CommandResult r = runner.run(Command.of("nft", "--version").withTimeout(PROBE_TIMEOUT));
    Optional<String> problem = NftVersion.problemWith(r);
    if (problem.isPresent()) {
      problems.add(nft + ": " + problem.get());
      return null;
    }
    return "nft " + NftVersion.parse(r.stdout()).orElseThrow() + " (" + nft + ")";
  }

  /**
   * Creates the backend. Starts no process and changes nothing: the first call on the backend checks
   * nft's version, and {@link FirewallBackend#prepare()} creates the table.
   *
   * @throws IllegalArgumentException if an option is unknown or its value invalid; the message
   *     names the option
   */
  @Override
  public FirewallBackend create(BackendConfig config) {
    config.requireKnownKeys(NAME, OPTIONS);
    return new NftablesBackend(NftSettings.from(config, TABLE, SET4, SET6, HOOK, PRIORITY,
        TIMEOUT), runner);
  }
}
