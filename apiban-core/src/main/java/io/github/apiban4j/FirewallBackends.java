package io.github.apiban4j;

import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import io.github.apiban4j.spi.FirewallException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds firewall backends by name through {@link ServiceLoader}: the convenience for the CLI and for
 * containers. Code that knows its backend constructs the provider directly instead:
 * {@code new NftablesBackendProvider().create(config)}.
 *
 * <p>A provider that fails to load is reported, not fatal; asking for a backend that is missing or
 * unavailable is an error that lists every backend seen and why each cannot run. There is never a
 * silent fallback to a backend that enforces nothing.
 */
public final class FirewallBackends {
  private FirewallBackends() {}

  /**
   * A provider found on the class or module path, or one that failed to load.
   *
   * @param name the backend's name, or the failing class for a provider that did not load
   * @param provider the provider, or {@code null} if it did not load
   * @param availability the probe's answer
   */
  public record Candidate(String name, FirewallBackendProvider provider, Availability availability) {
    public Candidate {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(availability, "availability");
    }
  }

  /** Every provider visible to apiban-core's class loader, probed, sorted by name. */
  public static List<Candidate> candidates() {
    return candidates(FirewallBackends.class.getClassLoader());
  }

  /** Every provider visible to {@code loader}, probed, sorted by name. */
  public static List<Candidate> candidates(ClassLoader loader) {
    List<Candidate> found = new ArrayList<>();
    Iterator<FirewallBackendProvider> it =
        ServiceLoader.load(FirewallBackendProvider.class, loader).iterator();
    while (true) {
      FirewallBackendProvider provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        found.add(new Candidate("(provider failed to load)", null,
            Availability.unavailable(String.valueOf(e.getMessage()))));
        continue;
      }
      found.add(new Candidate(provider.name(), provider, safeProbe(provider)));
    }
    found.sort(Comparator.comparing(Candidate::name));
    return found;
  }

  private static Availability safeProbe(FirewallBackendProvider provider) {
    try {
      return Objects.requireNonNull(provider.probe(), "probe() returned null");
    } catch (RuntimeException | LinkageError e) {
      return Availability.unavailable("probe failed: " + e);
    }
  }

  /**
   * Creates the backend called {@code name}.
   *
   * @throws BackendUnavailableException if no such backend is installed or it cannot run here
   * @throws IllegalArgumentException if {@code config} is invalid for it
   */
  public static FirewallBackend create(String name, BackendConfig config) throws FirewallException {
    return create(name, config, FirewallBackends.class.getClassLoader());
  }

  /** As {@link #create(String, BackendConfig)}, looking in {@code loader}. */
  public static FirewallBackend create(String name, BackendConfig config, ClassLoader loader)
      throws FirewallException {
    Objects.requireNonNull(name, "name");
    List<Candidate> all = candidates(loader);
    for (Candidate c : all) {
      if (c.provider() != null && c.name().equals(name)) {
        if (!c.availability().available()) {
          throw new BackendUnavailableException(name, c.availability().reason());
        }
        return c.provider().create(config);
      }
    }
    throw new BackendUnavailableException(name, "no backend of this name is installed; "
        + describe(all));
  }

  /**
   * Creates the available kernel backend of highest priority (ties broken by name). Providers with a
   * negative priority, such as {@code memory}, which drops nothing in the kernel, are never chosen
   * this way: a firewall that silently enforces nothing is worse than an error.
   *
   * @throws BackendUnavailableException if none is available, listing each one's reason
   */
  public static FirewallBackend createBest(BackendConfig config) throws FirewallException {
    List<Candidate> all = candidates();
    Candidate best = all.stream()
        .filter(c -> c.provider() != null && c.provider().priority() >= 0
            && c.availability().available())
        .min(Comparator.comparingInt((Candidate c) -> -c.provider().priority())
            .thenComparing(Candidate::name))
        .orElseThrow(() -> new BackendUnavailableException("auto",
            "no firewall backend can run here; " + describe(all)));
    return best.provider().create(config);
  }

  private static String describe(List<Candidate> all) {
    if (all.isEmpty()) {
      return "none is installed (add apiban-nftables, apiban-iptables or apiban-ipset-netlink)";
    }
    return "installed: " + all.stream()
        .map(c -> c.name() + " (" + c.availability() + ")")
        .collect(Collectors.joining(", "));
  }
}
