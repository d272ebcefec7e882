package io.github.apiban4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The namespace fixture, and the runner's two ways into a namespace, against the real kernel. */
class NetworkNamespaceIT {
  private final CommandRunner runner = CommandRunner.system();

  @Test
  void aFreshNamespaceHasOnlyLoopbackUpAndIsGoneAfterClose() throws IOException {
    NetworkNamespace ns = NetworkNamespace.create();
    try (ns) {
      assertThat(ns.name()).matches("apiban-it-[0-9a-f]{10}");
      assertThat(ns.path()).hasToString("/run/netns/" + ns.name()).exists();
      assertThat(namespaces()).contains(ns.name());

      List<String> links = lines(ns.exec("ip", "-o", "link", "show").requireSuccess("ip link"));
      assertThat(links).hasSize(1);
      assertThat(links.get(0)).contains(": lo: <LOOPBACK,UP,LOWER_UP>");
    }
    assertThat(namespaces()).doesNotContain(ns.name());
    assertThat(ns.path()).doesNotExist();
    ns.close();
    assertThatThrownBy(() -> ns.exec("true")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theNamespaceIsDeletedWhenTheTestFails() throws IOException {
    NetworkNamespace[] created = new NetworkNamespace[1];
    assertThatThrownBy(() -> {
      try (NetworkNamespace ns = NetworkNamespace.create()) {
        created[0] = ns;
        throw new AssertionError("a failing test");
      }
    }).hasMessage("a failing test");
    assertThat(namespaces()).doesNotContain(created[0].name());
  }

  @Test
  void aCommandByNameAndByPathSeesTheNamespaceNotTheHost() throws IOException {
    try (NetworkNamespace ns = NetworkNamespace.create()) {
      List<String> host = lines(runner.run(Command.of("ip", "-o", "link", "show"))
          .requireSuccess("ip link on the host"));
      List<String> byName = lines(runner.run(Command.of("ip", "-o", "link", "show")
          .inNamespace(ns.name())).requireSuccess("ip link by name"));
      List<String> byPath = lines(runner.run(Command.of("ip", "-o", "link", "show")
          .inNamespace(ns.path().toString())).requireSuccess("ip link by path"));
      assertThat(byName).hasSize(1).allMatch(l -> l.contains(": lo: "));
      assertThat(byPath).isEqualTo(byName);
      // The host has lo and at least the interface this machine talks through.
      assertThat(host.size()).isGreaterThan(1);
    }
  }

  @Test
  void inputAndExitCodesPassThroughTheWrapper() throws IOException {
    try (NetworkNamespace ns = NetworkNamespace.create()) {
      CommandResult cat = runner.run(ns.command("cat").withStdin("through ip netns exec\n"));
      assertThat(cat.stdout()).isEqualTo("through ip netns exec\n");
      assertThat(ns.exec("false").exitCode()).isEqualTo(1);
      assertThat(runner.run(Command.of("printenv", "LC_ALL").inNamespace(ns.path().toString()))
          .stdout()).isEqualTo("C\n");
    }
  }

  @Test
  void aMissingNamespaceIsAFailedResultThatSaysSo() throws IOException {
    TestEnvironment.requireRoot("run ip netns exec");
    CommandResult r = runner.run(Command.of("true").inNamespace("apiban-it-does-not-exist"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderrSummary())
        .contains("Cannot open network namespace \"apiban-it-does-not-exist\"");
  }

  private List<String> namespaces() throws IOException {
    // "NAME" or "NAME (id: 3)", one a line.
    return lines(runner.run(Command.of("ip", "netns", "list")).requireSuccess("ip netns list"))
        .stream().map(l -> l.split(" ")[0]).collect(Collectors.toList());
  }

  private static List<String> lines(CommandResult r) {
    return Arrays.stream(r.stdout().split("\n")).filter(l -> !l.isBlank())
        .collect(Collectors.toList());
  }
}
