package io.github.apiban4j.bench;

import io.github.apiban4j.FirewallBackends;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.IOException;
import java.util.Map;

/** A backend, driven as the sync drives it: {@code apply} of a {@link Diff}. */
final class BackendSide implements Side, AutoCloseable {
  private final FirewallBackend backend;

  private BackendSide(FirewallBackend backend) {
    this.backend = backend;
  }

  /** Creates and prepares backend {@code name} with {@code options}, in this namespace. */
  static BackendSide open(String name, Map<String, String> options) throws IOException {
    FirewallBackend backend = FirewallBackends.create(name, BackendConfig.of(options));
    try {
      backend.prepare();
    } catch (IOException | RuntimeException e) {
      backend.close();
      throw e;
    }
    return new BackendSide(backend);
  }

  @Override
  public Step add(AddressSet entries) {
    Diff diff = new Diff(entries, AddressSet.empty());
    return () -> backend.apply(diff);
  }

  @Override
  public Step delete(AddressSet entries) {
    Diff diff = new Diff(AddressSet.empty(), entries);
    return () -> backend.apply(diff);
  }

  @Override
  public void clear() throws IOException {
    backend.apply(new Diff(AddressSet.empty(), backend.current()));
  }

  /** What the backend holds now. */
  AddressSet current() throws IOException {
    return backend.current();
  }

  @Override
  public void close() throws IOException {
    try {
      backend.uninstall();
    } finally {
      backend.close();
    }
  }
}
