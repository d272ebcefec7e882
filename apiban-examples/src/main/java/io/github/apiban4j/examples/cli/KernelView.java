package io.github.apiban4j.examples.cli;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import java.util.Optional;

/**
 * What the configured backend holds and says about its hook, read without preparing or changing
 * anything. A backend that cannot be opened is described, not fatal: status and check still show
 * the local state.
 *
 * @param backend the backend's name as configured
 * @param status its hook and counters, if it could be asked
 * @param entries what it enforces; empty when it could not be read, or when the backend holds its
 *     set only inside a running process (the memory backend, asked from another process)
 * @param problem why it could not be asked, if it could not
 */
record KernelView(String backend, Optional<BackendStatus> status, Optional<AddressSet> entries,
    Optional<String> problem) {

  static KernelView read(Settings settings) {
    String name = settings.backendName();
    try (FirewallBackend backend = settings.openBackend()) {
      BackendStatus status = backend.status();
      Optional<AddressSet> entries = status.hook() == BackendStatus.Hook.NONE
          ? Optional.empty() : Optional.of(backend.current());
      return new KernelView(backend.name(), Optional.of(status), entries, Optional.empty());
    } catch (Exception e) {
      return new KernelView(name, Optional.empty(), Optional.empty(),
          Optional.of(Failure.message(e)));
    }
  }

  /** Whether the backend keeps its entries in this process only. */
  boolean inProcessOnly() {
    return status.map(s -> s.hook() == BackendStatus.Hook.NONE).orElse(false);
  }
}
