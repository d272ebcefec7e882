package io.github.apiban4j.nftables.internal;

import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.testkit.FirewallBackendCompatibilityKit;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.TestEnvironment;

/**
 * The compatibility kit against the real kernel, in a namespace per test, through a wrapper that
 * compares nft's own listing with what the backend reports after every operation.
 */
class NftablesBackendIT extends FirewallBackendCompatibilityKit {
  private NetworkNamespace ns;

  @Override
  protected FirewallBackend newBackend() throws Exception {
    TestEnvironment.requireCommand("nft", "nftables");
    ns = NetworkNamespace.create();
    return new NftCheckedBackend(
        new NftablesBackend(NftSettingsFixture.in(ns.name()), CommandRunner.system()), ns);
  }

  @Override
  protected void cleanUp() throws Exception {
    if (ns != null) {
      ns.close();
    }
  }
}
