package io.github.apiban4j.ipset.netlink;

import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.testkit.FirewallBackendCompatibilityKit;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.TestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The compatibility kit against the real kernel, in a namespace of this class's own, with the
 * ipset and iptables tools checking the backend's every answer.
 */
class IpsetNetlinkBackendIT extends FirewallBackendCompatibilityKit {
  private static NetworkNamespace ns;

  @BeforeAll
  static void createNamespace() throws Exception {
    ns = NetworkNamespace.create();
    TestEnvironment.requireCommand("ipset", "ipset");
    TestEnvironment.requireCommand("iptables-save", "iptables");
  }

  @AfterAll
  static void deleteNamespace() throws Exception {
    if (ns != null) {
      ns.close();
    }
  }

  @Override
  protected FirewallBackend newBackend() {
    FirewallBackend backend = new IpsetNetlinkBackendProvider()
        .create(BackendConfig.of(Map.of(BackendConfig.NAMESPACE, ns.name())));
    return new IpsetCheckedBackend(backend, ns);
  }
}
