package io.github.apiban4j.memory;

import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import java.util.Set;

/**
 * Provides the {@code memory} backend. Option {@code capacity}: the largest number of entries the set
 * may hold (no limit by default). It is never chosen automatically ({@link
 * io.github.apiban4j.FirewallBackends#createBest}): it enforces nothing outside the process.
 */
public final class InMemoryBackendProvider implements FirewallBackendProvider {
  /** Backend option: the maximum number of entries. */
  public static final String CAPACITY = "capacity";

  @Override
  public String name() {
    return InMemoryBackend.NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public Availability probe() {
    return Availability.available("in-process set; drops nothing in the kernel");
  }

  @Override
  public FirewallBackend create(BackendConfig config) {
    config.requireKnownKeys(name(), Set.of(CAPACITY));
    if (config.get(BackendConfig.NAMESPACE).isPresent()) {
      throw new IllegalArgumentException("the memory backend has no network namespace to work in");
    }
    return config.get(CAPACITY).isPresent()
        ? new InMemoryBackend(config.getPositiveInt(CAPACITY, 1))
        : new InMemoryBackend();
  }
}
