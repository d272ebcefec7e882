package io.github.apiban4j.iptables.internal;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Just enough of ipset, iptables-save and iptables-restore, in memory, for unit tests: sets with
 * entries as text, and the raw table's chains with rules as text. Not a model of the kernel; the
 * ITs are that.
 */
final class FakeTools {
  final Map<String, Set<String>> sets = new LinkedHashMap<>();
  final Map<String, Map<String, List<String>>> chains = new LinkedHashMap<>();
  /** What iptables-legacy-save prints: the legacy ruleset beside the nft one. */
  String legacyRuleset = "";
  /** When set, every ipset restore fails with this stderr. */
  String ipsetRestoreError;
  /** When set, every iptables-restore and ip6tables-restore fails with this stderr. */
  String tablesRestoreError;

  FakeTools() {
    for (String tool : List.of("iptables", "ip6tables")) {
      Map<String, List<String>> raw = new LinkedHashMap<>();
      raw.put("PREROUTING", new ArrayList<>());
      raw.put("OUTPUT", new ArrayList<>());
      chains.put(tool, raw);
    }
  }

  CommandResult run(Command c) {
    String args = String.join(" ", c.arguments());
    String in = new String(c.stdin(), StandardCharsets.UTF_8);
    return switch (args.isEmpty() ? c.program() : c.program() + " " + args) {
      case "ipset list -t" -> ok(c, headers());
      case "ipset restore -exist" -> ipsetRestoreError != null
          ? CommandResult.of(c, 1, "", ipsetRestoreError) : ipsetRestore(c, in);
      case "iptables-save --version" -> ok(c, "iptables-save v1.8.9 (nf_tables)\n");
      case "iptables-legacy-save" -> ok(c, legacyRuleset);
      case "ip6tables-legacy-save" -> ok(c, "");
      case "iptables-save -t raw" -> ok(c, save("iptables"));
      case "ip6tables-save -t raw" -> ok(c, save("ip6tables"));
      default -> {
        if (c.program().endsWith("tables-restore")) {
          yield tablesRestoreError != null ? CommandResult.of(c, 1, "", tablesRestoreError)
              : restore(c, c.program().replace("-restore", ""), in);
        }
        if (args.startsWith("list -o save ")) {
          yield list(c, args.substring("list -o save ".length()));
        }
        throw new AssertionError("unexpected command " + c);
      }
    };
  }

  private static CommandResult ok(Command c, String stdout) {
    return CommandResult.of(c, 0, stdout, "");
  }

  private String headers() {
    StringBuilder sb = new StringBuilder();
    sets.forEach((name, entries) -> sb.append("Name: ").append(name).append("\nType: hash:net\n")
        .append("Header: family ").append(name.contains("6") ? "inet6" : "inet")
        .append(" hashsize 1024 maxelem 262144\nReferences: 1\nNumber of entries: ")
        .append(entries.size()).append("\n\n"));
    return sb.toString();
  }

  private CommandResult list(Command c, String name) {
    Set<String> entries = sets.get(name);
    if (entries == null) {
      return CommandResult.of(c, 1, "", "ipset v7.17: The set with the given name does not exist");
    }
    StringBuilder sb = new StringBuilder("create " + name + " hash:net family "
        + (name.contains("6") ? "inet6" : "inet") + " hashsize 1024 maxelem 262144\n");
    entries.forEach(e -> sb.append("add ").append(name).append(' ').append(e).append('\n'));
    return ok(c, sb.toString());
  }

  private CommandResult ipsetRestore(Command c, String in) {
    for (String line : in.split("\n")) {
      String[] w = line.split(" ");
      switch (w[0]) {
        case "create" -> sets.putIfAbsent(w[1], new LinkedHashSet<>());
        case "add" -> sets.get(w[1]).add(w[2]);
        case "del" -> sets.get(w[1]).remove(w[2]);
        case "destroy" -> sets.remove(w[1]);
        case "swap" -> {
          Set<String> a = sets.get(w[1]);
          sets.put(w[1], sets.get(w[2]));
          sets.put(w[2], a);
        }
        case "rename" -> sets.put(w[2], sets.remove(w[1]));
        default -> throw new AssertionError("unexpected ipset line " + line);
      }
    }
    return ok(c, "");
  }

  private String save(String tool) {
    StringBuilder sb = new StringBuilder("*raw\n");
    chains.get(tool).keySet().forEach(ch -> sb.append(':').append(ch).append(" - [0:0]\n"));
    chains.get(tool).forEach((ch, rules) -> rules.forEach(r ->
        sb.append("-A ").append(ch).append(' ').append(r).append('\n')));
    return sb.append("COMMIT\n").toString();
  }

  /** One transaction, as the real tool's: a line that fails leaves the table as it was. */
  private CommandResult restore(Command c, String tool, String in) {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    chains.get(tool).forEach((chain, rules) -> raw.put(chain, new ArrayList<>(rules)));
    int number = 0;
    for (String line : in.split("\n")) {
      number++;
      if (line.equals("*raw") || line.equals("COMMIT")) {
        continue;
      }
      if (line.startsWith(":")) {
        raw.put(line.substring(1, line.indexOf(' ')), new ArrayList<>());
        continue;
      }
      String[] w = line.split(" ", 3);
      if (!raw.containsKey(w[1]) || w[0].equals("-D") && !raw.get(w[1]).contains(w[2])) {
        return CommandResult.of(c, 1, "", tool + "-restore: line " + number + " failed\n");
      }
      switch (w[0]) {
        case "-A" -> raw.get(w[1]).add(w[2]);
        case "-D" -> raw.get(w[1]).remove(w[2]);
        case "-I" -> raw.get(w[1]).add(0, w[2].substring(w[2].indexOf(' ') + 1));
        default -> throw new AssertionError("unexpected restore line " + line);
      }
    }
    chains.put(tool, raw);
    return ok(c, "");
  }
}
