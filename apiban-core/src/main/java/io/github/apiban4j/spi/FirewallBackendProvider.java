package io.github.apiban4j.spi;

/**
 * Entry point of a firewall backend, found by {@link java.util.ServiceLoader} or constructed
 * directly. Implementations must be cheap to load: a public no-argument constructor, no native
 * library and no process in a static initializer.
 *
 * <p>Register a provider both in {@code META-INF/services/io.github.apiban4j.spi.FirewallBackendProvider}
 * and with {@code provides io.github.apiban4j.spi.FirewallBackendProvider with ...} in the module
 * descriptor.
 */
public interface FirewallBackendProvider {

  /** The backend's name, as given to {@code --backend}: {@code memory}, {@code nftables}, … */
  String name();

  /** Higher wins when a backend is chosen automatically among the available ones. */
  default int priority() {
    return 0;
  }

  /**
   * Whether this backend can run here, and if not, exactly why (not Linux, a binary is missing, no
   * {@code CAP_NET_ADMIN}, a kernel module is absent). Never throws and never changes the ruleset.
   */
  Availability probe();

  /**
   * Creates a backend. Nothing is changed in the kernel until {@link FirewallBackend#prepare()}.
   *
   * @throws IllegalArgumentException if the configuration is invalid (an unknown key, a bad value)
   * @throws FirewallException if the backend cannot run here
   */
  FirewallBackend create(BackendConfig config) throws FirewallException;
}
