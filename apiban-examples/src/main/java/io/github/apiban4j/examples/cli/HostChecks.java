package io.github.apiban4j.examples.cli;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandNotFoundException;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Read-only facts about the host's firewall neighbours, for {@code apiban doctor}: files under
 * {@code root} (the real {@code /} or, in tests, a directory laid out like it) and the version and
 * listing commands of the firewall tools. Nothing here changes anything: no rule is added, no
 * module is loaded (legacy tables are read from {@code /proc}, which lists only loaded ones).
 */
final class HostChecks {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Path root;
  private final CommandRunner runner;
  private final ProcessCommandRunner resolver;

  HostChecks(Path root, CommandRunner runner, ProcessCommandRunner resolver) {
    this.root = root;
    this.runner = runner;
    this.resolver = resolver;
  }

  /** The real host. */
  static HostChecks system() {
    ProcessCommandRunner runner = new ProcessCommandRunner();
    return new HostChecks(Path.of("/"), runner, runner);
  }

  private Path file(String absolute) {
    return root.resolve(absolute.substring(1));
  }

  /** Whether {@code program} is installed (on the search path, /usr/sbin or /sbin). */
  boolean installed(String program) {
    try {
      resolver.resolve(program);
      return true;
    } catch (CommandNotFoundException e) {
      return false;
    }
  }

  /** The first line {@code program args} prints, or why there is none. */
  String firstLine(String program, String... args) {
    try {
      CommandResult r = runner.run(Command.of(program, args).withTimeout(TIMEOUT));
      String text = (r.stdout().isBlank() ? r.stderr() : r.stdout()).strip();
      String line = text.lines().findFirst().orElse("");
      return r.succeeded() ? line : "failed (exit " + r.exitCode() + "): " + line;
    } catch (CommandNotFoundException e) {
      return "not installed";
    } catch (IOException e) {
      return "could not run: " + Failure.message(e);
    }
  }

  /** The iptables tables the legacy (x_tables) kernel code has loaded, IPv4 then IPv6. */
  List<String> legacyTables() {
    List<String> out = new java.util.ArrayList<>();
    for (String[] f : new String[][] {{"/proc/net/ip_tables_names", "ip"},
        {"/proc/net/ip6_tables_names", "ip6"}}) {
      try {
        for (String t : Files.readAllLines(file(f[0]), StandardCharsets.US_ASCII)) {
          if (!t.isBlank()) {
            out.add(f[1] + " " + t.strip());
          }
        }
      } catch (IOException e) {
        // absent: the legacy code is not loaded, so no legacy rule exists
      }
    }
    return out;
  }

  /** The nftables tables, as {@code nft list tables} prints them; empty if it cannot tell. */
  Optional<List<String>> nftTables() {
    try {
      CommandResult r = runner.run(Command.of("nft", "list", "tables").withTimeout(TIMEOUT));
      if (!r.succeeded()) {
        return Optional.empty();
      }
      return Optional.of(r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether Docker is present: its socket or its daemon binary. */
  boolean docker() {
    return Files.exists(file("/run/docker.sock")) || Files.exists(file("/var/run/docker.sock"))
        || installed("dockerd");
  }

  /** Whether firewalld runs ({@code /run/firewalld}) or is installed. */
  String firewalld() {
    if (Files.isDirectory(file("/run/firewalld"))) {
      return "running";
    }
    return installed("firewalld") ? "installed" : "absent";
  }

  /** Whether ufw is enabled ({@code ENABLED=yes} in its config) or installed. */
  String ufw() {
    try {
      for (String line : Files.readAllLines(file("/etc/ufw/ufw.conf"), StandardCharsets.UTF_8)) {
        if (line.strip().replace("\"", "").equalsIgnoreCase("ENABLED=yes")) {
          return "enabled";
        }
      }
    } catch (IOException e) {
      // no config: not installed through the package
    }
    return installed("ufw") ? "installed" : "absent";
  }
}
