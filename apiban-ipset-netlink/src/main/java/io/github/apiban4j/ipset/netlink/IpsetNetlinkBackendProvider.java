package io.github.apiban4j.ipset.netlink;

import io.github.apiban4j.internal.LinuxHost;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.internal.xtables.HookPoint;
import io.github.apiban4j.internal.xtables.XtablesHook;
import io.github.apiban4j.internal.xtables.XtablesNames;
import io.github.apiban4j.ipset.netlink.internal.IpsetNetlinkBackend;
import io.github.apiban4j.ipset.netlink.internal.jnr.NativeLibC;
import io.github.apiban4j.ipset.netlink.internal.jnr.NetlinkSocket;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Provides the {@code ipset-netlink} backend, which keeps the blocklist in two ipset
 * {@code hash:net} sets ({@code apiban4}, {@code apiban6}) by sending the kernel ipset netlink
 * messages itself, through jnr-ffi: a sync starts no process. The sets are the same ones the
 * {@code iptables} backend fills, so switching between the two keeps them.
 *
 * <p>Packets are dropped by one {@code -m set --match-set} rule per family in chain {@code APIBAN},
 * jumped to from the raw table's {@code PREROUTING} (before connection tracking) by default. The
 * rules are installed with {@code iptables-restore} at {@code prepare()}, the only time this
 * backend starts a process; {@code hook=none} leaves the rules to the user.
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@value #SET4}, {@value #SET6}: the set names (default {@code apiban4}, {@code apiban6});
 *       up to 31 characters of {@code A-Z a-z 0-9 _ . -}.</li>
 *   <li>{@value #HOOK}: {@code prerouting} (default: raw table), {@code input}, {@code forward},
 *       {@code docker-user} (filter table) or {@code none}.</li>
 *   <li>{@value #CHAIN}: the chain holding the drop rules (default {@code APIBAN}).</li>
 *   <li>{@value #CAPACITY}: a fixed maximum of entries per set; unset, the sets start at 65,536 and
 *       grow before they fill.</li>
 *   <li>{@value #TIMEOUT}: the time limit of a netlink reply and of each iptables tool run
 *       (default {@code 30s}).</li>
 *   <li>{@value BackendConfig#NAMESPACE}: a network namespace, by name ({@code /run/netns/NAME})
 *       or as a path.</li>
 * </ul>
 *
 * <h2>Thread-safety</h2>
 * Stateless and safe for concurrent use. Loading the class loads no native code: jnr-ffi binds libc
 * when the probe or a backend first needs it.
 */
public final class IpsetNetlinkBackendProvider implements FirewallBackendProvider {
  /** The backend's name. */
  public static final String NAME = IpsetNetlinkBackend.NAME;
  /** Option: the name of the IPv4 ipset. */
  public static final String SET4 = "set4";
  /** Option: the name of the IPv6 ipset. */
  public static final String SET6 = "set6";
  /** Option: where packets are dropped. */
  public static final String HOOK = "hook";
  /** Option: the chain that holds the drop rules. */
  public static final String CHAIN = "chain";
  /** Option: a fixed maximum of entries per set (ipset's {@code maxelem}). */
  public static final String CAPACITY = "capacity";
  /** Option: the time limit of a kernel reply and of a tool run. */
  public static final String TIMEOUT = "timeout";

  private static final List<String> HOOK_PROGRAMS =
      List.of("iptables-save", "iptables-restore", "ip6tables-save", "ip6tables-restore");
  private static final Set<String> OPTIONS = Set.of(SET4, SET6, HOOK, CHAIN, CAPACITY, TIMEOUT);
  private static final Path SYS_MODULE = Path.of("/sys/module/ip_set");
  private static final Path PROC_MODULES = Path.of("/proc/modules");

  private final ProcessCommandRunner runner;

  /** The provider; found by {@link java.util.ServiceLoader} or constructed directly. */
  public IpsetNetlinkBackendProvider() {
    this(new ProcessCommandRunner());
  }

  IpsetNetlinkBackendProvider(ProcessCommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** 30: preferred when it can run, since it starts no process per batch. */
  @Override
  public int priority() {
    return 30;
  }

  /**
   * Checks that this is Linux, that the kernel has ipset ({@code /sys/module/ip_set}, or
   * {@code ip_set} in {@code /proc/modules}), that jnr-ffi can bind libc, and that the process holds
   * {@code CAP_NET_ADMIN}; says whether {@code iptables-restore}, which the default hook needs, is
   * installed. Opens no socket and changes nothing.
   */
  @Override
  public Availability probe() {
    return LinuxHost.probe(NAME, problems -> {
      if (!ipSetPresent()) {
        problems.add("the kernel has no ipset support loaded (no " + SYS_MODULE + ", no ip_set in "
            + PROC_MODULES + "): run modprobe ip_set, and list ip_set in"
            + " /etc/modules-load.d/ to load it at boot");
      }
      String jnr = NativeLibC.loadProblem();
      if (jnr != null) {
        problems.add(jnr);
      }
      return "kernel ipset support present, jnr-ffi loaded, " + hookTools();
    });
  }

  private String hookTools() {
    return runner.missing(HOOK_PROGRAMS)
        .map(missing -> missing + ", so only hook=none works")
        .orElse("iptables-save and iptables-restore found for the hook");
  }

  private static boolean ipSetPresent() {
    // A module built into the kernel appears under /sys/module only if it has parameters (ip_set
    // has max_sets); a loaded one appears in /proc/modules too. Either will do.
    if (Files.isDirectory(SYS_MODULE)) {
      return true;
    }
    try {
      return listsIpSet(Files.readString(PROC_MODULES, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the text of {@code /proc/modules} lists a loaded {@code ip_set} module. */
  static boolean listsIpSet(String procModules) {
    return procModules.lines().anyMatch(line -> line.startsWith("ip_set "));
  }

  /**
   * Creates the backend. Nothing is changed, and no socket opened, until it is used.
   *
   * @throws IllegalArgumentException if an option is unknown or invalid; the message names it
   */
  @Override
  public FirewallBackend create(BackendConfig config) {
    config.requireKnownKeys(NAME, OPTIONS);
    List<String> sets = XtablesNames.setPair(config.get(SET4, "apiban4"),
        config.get(SET6, "apiban6"));
    String set4 = sets.get(0);
    String set6 = sets.get(1);
    HookPoint point = HookPoint.parse(config.get(HOOK, "prerouting"));
    int capacity = config.getPositiveInt(CAPACITY, 0); // 0: grow as needed
    Duration timeout = config.getDuration(TIMEOUT, Duration.ofSeconds(30));
    Optional<String> namespace = config.get(BackendConfig.NAMESPACE).map(Command::checkNamespace);
    Optional<Path> namespaceFile = namespace.map(IpsetNetlinkBackendProvider::namespaceFile);
    XtablesHook hook = XtablesHook.forSets(runner, namespace, point, config.get(CHAIN, "APIBAN"),
        set4, set6, timeout);
    return new IpsetNetlinkBackend(set4, set6, capacity,
        () -> NetlinkSocket.open(namespaceFile, timeout), hook);
  }

  private static Path namespaceFile(String nameOrPath) {
    return nameOrPath.contains("/") ? Path.of(nameOrPath) : Path.of("/run/netns", nameOrPath);
  }
}
