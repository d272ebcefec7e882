package io.github.apiban4j.examples.cli;

import io.github.apiban4j.FirewallBackends;
import io.github.apiban4j.internal.LinuxHost;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallPermissionException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * A network namespace made for {@code apiban demo --netns} and deleted afterwards, so that a real
 * backend can run without touching the host's own firewall.
 */
final class DemoNamespace implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final ProcessCommandRunner runner = new ProcessCommandRunner();
  private final String name;

  private DemoNamespace(String name) {
    this.name = name;
  }

  /**
   * Creates {@code apiban-demo-RANDOM}.
   *
   * @throws FirewallPermissionException without CAP_NET_ADMIN
   */
  static DemoNamespace create() throws IOException {
    var problem = LinuxHost.netAdminProblem();
    if (problem.isPresent()) {
      throw new FirewallPermissionException("demo", "create a network namespace",
          "--netns needs root: " + problem.get());
    }
    DemoNamespace ns = new DemoNamespace("apiban-demo-" + HexFormat.of().formatHex(
        SecureRandom.getSeed(4)));
    ns.runner.run(Command.of("ip", "netns", "add", ns.name).withTimeout(TIMEOUT))
        .requireSuccess("ip netns add " + ns.name);
    return ns;
  }

  /** The backend called {@code backendName} (or the best available), working inside it. */
  FirewallBackend backend(String backendName) throws Exception {
    BackendConfig config = BackendConfig.of(Map.of(BackendConfig.NAMESPACE, name));
    return backendName == null ? FirewallBackends.createBest(config)
        : FirewallBackends.create(backendName, config);
  }

  @Override
  public void close() throws IOException {
    runner.run(Command.of("ip", "netns", "delete", name).withTimeout(TIMEOUT))
        .requireSuccess("ip netns delete " + name);
  }
}
