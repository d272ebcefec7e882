package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.testkit.TestEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code apiban demo --netns} as root syncs into a kernel backend inside a namespace of its own;
 * the namespace is gone afterwards and the host's own namespace list is as it was.
 */
class DemoNetnsIT {

  static List<String> namespaces() throws Exception {
    Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes()).lines()
        .filter(l -> l.startsWith("apiban-demo-")).toList();
  }

  @Test
  void runsInAThrowawayNamespaceOrSaysWhyNot() throws Exception {
    TestEnvironment.requireRoot("create a network namespace");
    TestEnvironment.requireCommand("ip", "iproute2");
    List<String> before = namespaces();

    CliRun run = CliRun.run(Map.of(), "demo", "--netns", "--attackers", "300");

    // The kernel backends can run here (root, the tools installed): the demo must use one.
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("+296 added").contains("and the namespace");
    assertThat(namespaces()).isEqualTo(before);
  }
}
