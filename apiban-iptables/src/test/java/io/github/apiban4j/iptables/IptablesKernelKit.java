package io.github.apiban4j.iptables;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.iptables.internal.IptablesBackend;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.testkit.FirewallBackendCompatibilityKit;
import io.github.apiban4j.testkit.ToolViewCheckingBackend;
import java.io.IOException;
import java.util.Map;

/**
 * The compatibility kit for one mode of the backend, each test in a namespace of its own, with the
 * tools' own view checked against the backend's after every call.
 */
abstract class IptablesKernelKit extends FirewallBackendCompatibilityKit {
  /** The namespace and its tools; set for every test. */
  KernelFixture k;
  /** The backend under test, without the checking wrapper that {@link #backend()} returns. */
  IptablesBackend raw;

  /** The backend's options for this mode. */
  abstract Map<String, String> options();

  /** What the tools show the backend's entries to be, read in another way than the backend's. */
  abstract AddressSet toolView() throws IOException;

  @Override
  protected final FirewallBackend newBackend() throws Exception {
    k = KernelFixture.create();
    raw = k.backend(options());
    return new ToolViewCheckingBackend(raw, this::toolView);
  }

  @Override
  protected final void cleanUp() throws Exception {
    if (k != null) {
      k.close();
    }
  }
}
