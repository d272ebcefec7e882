package io.github.apiban4j.ipset.netlink;

import io.github.apiban4j.internal.LinuxHost;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Provides the {@code ipset-netlink} backend, which will keep the blocklist in ipset sets by
 * sending the kernel ipset netlink messages itself, through jnr-ffi, instead of running a process
 * per batch.
 *
 * <p><b>Not implemented in this release:</b> {@link #probe()} checks the machine for real, but
 * {@link #create} validates its options and then throws {@link BackendUnavailableException}.
 *
 * <h2>Options</h2>
 * Reserved for the backend, and checked now so that a typo fails early: {@value #SET4},
 * {@value #SET6}, {@value #HOOK}, {@value #CAPACITY}, and every backend's
 * {@value BackendConfig#NAMESPACE}.
 *
 * <h2>Thread-safety</h2>
 * Stateless and safe for concurrent use. Loading the class loads no native code: the probe reads
 * files only, and jnr-ffi will be loaded by the backend when it is created.
 */
public final class IpsetNetlinkBackendProvider implements FirewallBackendProvider {
  /** The backend's name. */
  public static final String NAME = "ipset-netlink";
  /** Option: the name of the IPv4 ipset. */
  public static final String SET4 = "set4";
  /** Option: the name of the IPv6 ipset. */
  public static final String SET6 = "set6";
  /** Option: where packets are dropped: {@code prerouting}, {@code input} or {@code forward}. */
  public static final String HOOK = "hook";
  /** Option: the most entries a set may hold (ipset's {@code maxelem}). */
  public static final String CAPACITY = "capacity";

  static final String NOT_IMPLEMENTED =
      "this release of apiban4j does not implement the ipset-netlink backend yet";

  private static final Set<String> OPTIONS = Set.of(SET4, SET6, HOOK, CAPACITY);
  private static final Path SYS_MODULE = Path.of("/sys/module/ip_set");
  private static final Path PROC_MODULES = Path.of("/proc/modules");

  /** The provider; found by {@link java.util.ServiceLoader} or constructed directly. */
  public IpsetNetlinkBackendProvider() {}

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
   * {@code ip_set} in {@code /proc/modules}), and that the process holds {@code CAP_NET_ADMIN}.
   * Does not load jnr-ffi or open a socket: whether the native library loads is the backend's
   * concern when it is created.
   */
  @Override
  public Availability probe() {
    Availability found = LinuxHost.probe(NAME, problems -> {
      if (!ipSetPresent()) {
        problems.add("the kernel has no ipset support loaded (no " + SYS_MODULE + ", no ip_set in "
            + PROC_MODULES + "): run modprobe ip_set, and list ip_set in"
            + " /etc/modules-load.d/ to load it at boot");
      }
      return "kernel ipset support present";
    });
    return found.available() ? Availability.unavailable(found.reason() + ", but " + NOT_IMPLEMENTED)
        : found;
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
   * Validates {@code config} and reports that the backend is not implemented in this release.
   *
   * @throws IllegalArgumentException if an option is unknown
   * @throws BackendUnavailableException always, after validation
   */
  @Override
  public FirewallBackend create(BackendConfig config) throws BackendUnavailableException {
    config.requireKnownKeys(NAME, OPTIONS);
    throw new BackendUnavailableException(NAME, NOT_IMPLEMENTED
        + "; only its availability probe exists so far");
  }
}
