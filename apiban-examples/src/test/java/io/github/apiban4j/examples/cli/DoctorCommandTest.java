package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code apiban doctor} against a host laid out in a directory, and against this host. */
class DoctorCommandTest extends CliTestBase {
  final List<String> commandsRun = new ArrayList<>();

  /** Answers the two commands doctor runs, as a host with both rule sets would. */
  CommandRunner tools() {
    return command -> {
      commandsRun.add(command.toString());
      String text = command.toString().contains("--version") ? "iptables v1.8.9 (nf_tables)\n"
          : "table inet filter\ntable ip nat\n";
      return CommandResult.of(command, 0, text, "");
    };
  }

  CliRun doctor(HostChecks host, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    CliContext context = new CliContext(env, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), List.of(), Clock.systemUTC(), false);
    List<String> all = new ArrayList<>(List.of("--state", state().toString(), "--backend",
        FileBackend.NAME, "--backend-option", "dir=" + kernel()));
    all.addAll(List.of(args));
    CommandLine cli = new CommandLine(new DoctorCommand(context, host));
    cli.setOverwrittenOptionsAllowed(true);
    int code = cli.execute(all.toArray(String[]::new));
    return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> byTopic(Map<String, Object> json) {
    Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
    for (Object o : (List<Object>) json.get("items")) {
      Map<String, Object> item = (Map<String, Object>) o;
      out.put((String) item.get("topic"), item);
    }
    return out;
  }

  @Test
  void explainsWhatTheFirewallNeighboursMeanForTheHook() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("run/firewalld"));
    Files.createDirectories(root.resolve("etc/ufw"));
    Files.createDirectories(root.resolve("proc/net"));
    Files.writeString(root.resolve("run/docker.sock"), "");
    Files.writeString(root.resolve("etc/ufw/ufw.conf"), "# comment\nENABLED=yes\n");
    Files.writeString(root.resolve("proc/net/ip_tables_names"), "filter\nnat\n");
    HostChecks host = new HostChecks(root, tools(),
        new ProcessCommandRunner().withSearchPath(List.of(root.resolve("bin"))));
    apiban("restore"); // the hook in place

    CliRun run = doctor(host, "--json");
    assertThat(run.exitCode()).as(run.out()).isZero();
    Map<String, Map<String, Object>> items = byTopic(run.json());
    assertThat(items.get("iptables")).containsEntry("finding", "iptables v1.8.9 (nf_tables)");
    assertThat(items.get("iptables-legacy tables loaded"))
        .containsEntry("finding", "ip filter, ip nat");
    assertThat(items.get("nftables tables"))
        .containsEntry("finding", "table inet filter, table ip nat");
    assertThat((String) items.get("legacy and nf_tables").get("meaning")).contains("both");
    assertThat((String) items.get("Docker").get("meaning")).contains("published container ports");
    assertThat(items.get("firewalld")).containsEntry("finding", "running");
    assertThat(items.get("ufw")).containsEntry("finding", "enabled");
    assertThat(items.get("hook")).containsEntry("finding", "present (" + FileBackend.NAME + ")")
        .containsEntry("problem", false);
    assertThat(items.get("backend memory").get("finding").toString()).startsWith("available");
    assertThat(commandsRun).containsExactly("iptables --version", "nft list tables");
  }

  @Test
  void aMissingHookAndABackendWarningAreProblems() throws Exception {
    HostChecks host = new HostChecks(dir.resolve("empty-root"), tools(),
        new ProcessCommandRunner().withSearchPath(List.of()));
    Files.createDirectories(kernel());
    Files.writeString(kernel().resolve("warning"), "a rule ahead of the hook accepts traffic");
    CliRun run = doctor(host);
    assertThat(run.exitCode()).isEqualTo(ExitCode.SOFTWARE);
    assertThat(run.out()).contains("PROBLEM hook: missing").contains("PROBLEM warning: a rule ahead")
        .contains("2 problem(s) found").doesNotContain("Docker").doesNotContain("ufw");
  }

  @Test
  void anUnavailableConfiguredBackendIsAProblem() throws Exception {
    HostChecks host = new HostChecks(dir.resolve("empty-root"), tools(),
        new ProcessCommandRunner().withSearchPath(List.of()));
    CliRun run = doctor(host, "--backend", "no-such-backend", "--json");
    assertThat(run.exitCode()).isEqualTo(ExitCode.SOFTWARE);
    assertThat(byTopic(run.json()).get("hook")).containsEntry("problem", true);
  }

  @Test
  void runsOnThisHostWithoutChangingIt() throws Exception {
    CliRun run = CliRun.run(Map.of(), "doctor", "--backend", "memory", "--state",
        state().toString(), "--json");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(byTopic(run.json())).containsKeys("CAP_NET_ADMIN", "iptables", "nftables tables",
        "hook", "backend nftables", "backend iptables", "backend ipset-netlink");
    assertThat(state()).doesNotExist();
  }
}
