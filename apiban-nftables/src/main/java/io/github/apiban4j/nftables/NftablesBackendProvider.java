package io.github.apiban4j.nftables;

import io.github.apiban4j.internal.LinuxHost;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandNotFoundException;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Provides the {@code nftables} backend, which will keep the blocklist in nftables sets and apply
 * each batch as one {@code nft -f -} transaction.
 *
 * <p><b>Not implemented in this release:</b> {@link #probe()} checks the machine for real, but
 * {@link #create} validates its options and then throws {@link BackendUnavailableException}.
 *
 * <h2>Options</h2>
 * Reserved for the backend, and checked now so that a typo fails early: {@value #TABLE},
 * {@value #SET4}, {@value #SET6}, {@value #HOOK}, {@value #TIMEOUT}, and every backend's
 * {@value BackendConfig#NAMESPACE}.
 *
 * <h2>Thread-safety</h2>
 * Stateless and safe for concurrent use. Loading the class starts no process.
 */
public final class NftablesBackendProvider implements FirewallBackendProvider {
  /** The backend's name. */
  public static final String NAME = "nftables";
  /** Option: the nftables table that holds the sets and the drop rule. */
  public static final String TABLE = "table";
  /** Option: the name of the IPv4 set. */
  public static final String SET4 = "set4";
  /** Option: the name of the IPv6 set. */
  public static final String SET6 = "set6";
  /** Option: where packets are dropped: {@code prerouting}, {@code input} or {@code forward}. */
  public static final String HOOK = "hook";
  /** Option: the time limit of one {@code nft} run. */
  public static final String TIMEOUT = "timeout";

  static final String NOT_IMPLEMENTED =
      "this release of apiban4j does not implement the nftables backend yet";

  private static final Set<String> OPTIONS = Set.of(TABLE, SET4, SET6, HOOK, TIMEOUT);
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
   * Checks that this is Linux, that {@code nft} is installed and answers {@code --version}, and
   * that the process holds {@code CAP_NET_ADMIN}. Runs {@code nft --version} only, which does not
   * talk to the kernel; whether the kernel has nf_tables is not probed.
   */
  @Override
  public Availability probe() {
    Availability found = LinuxHost.probe(NAME, this::probeNft);
    return found.available() ? Availability.unavailable(found.reason() + ", but " + NOT_IMPLEMENTED)
        : found;
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
    if (!r.succeeded()) {
      problems.add(nft + " --version failed with status " + r.exitCode() + ": "
          + r.stderrSummary());
      return null;
    }
    Optional<NftVersion> version = NftVersion.parse(r.stdout());
    if (version.isEmpty()) {
      problems.add(nft + " --version did not print an nftables version: '"
          + r.stdout().strip() + "'");
      return null;
    }
    return "nft " + version.get() + " (" + nft + ")";
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
