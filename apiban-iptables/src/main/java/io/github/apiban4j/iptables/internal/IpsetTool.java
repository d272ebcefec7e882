package io.github.apiban4j.iptables.internal;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.SafeText;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.internal.xtables.HashSizing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ipset} program, as the set mode uses it: headers of every set ({@code ipset list -t}),
 * the entries of one ({@code ipset list -o save NAME}), and batches ({@code ipset restore}).
 * Listings are read strictly: a line of an unexpected shape is an error rather than a guess.
 */
final class IpsetTool {
  private static final Set<String> PLAIN_HEADER_KEYS =
      Set.of("family", "hashsize", "maxelem", "bucketsize", "initval");
  /** Header words that stand alone; every other word is followed by its value. */
  private static final Set<String> HEADER_FLAGS =
      Set.of("counters", "comment", "skbinfo", "forceadd", "nomatch");

  private final CommandRunner runner;
  private final IptablesSettings settings;

  IpsetTool(CommandRunner runner, IptablesSettings settings) {
    this.runner = runner;
    this.settings = settings;
  }

  /** The headers of every set in the namespace, by name. */
  Map<String, IpsetHeader> headers() throws IOException {
    CommandResult r = runner.run(settings.prepared(Command.of("ipset", "list", "-t")))
        .requireSuccess("listing the ipset sets");
    return parseHeaders(r.stdout());
  }

  static Map<String, IpsetHeader> parseHeaders(String text) throws IOException {
    Map<String, IpsetHeader> sets = new LinkedHashMap<>();
    Map<String, String> block = new HashMap<>();
    int lineNumber = 0;
    for (String line : (text + "\n").split("\n", -1)) {
      lineNumber++;
      if (line.isEmpty()) {
        if (!block.isEmpty()) {
          IpsetHeader h = header(block);
          sets.put(h.name(), h);
          block.clear();
        }
        continue;
      }
      int colon = line.indexOf(": ");
      if (colon < 0 && line.endsWith(":")) {
        colon = line.length() - 1; // "Members:" with nothing after it
      }
      if (colon <= 0 || (line.startsWith("Name") && !block.isEmpty())) {
        throw new IOException("unexpected line " + lineNumber + " in ipset list -t output: '"
            + SafeText.escape(line, 200, "'") + "'");
      }
      block.put(line.substring(0, colon), line.substring(Math.min(line.length(), colon + 2)));
    }
    return sets;
  }

  private static IpsetHeader header(Map<String, String> block) throws IOException {
    String name = block.get("Name");
    String type = block.get("Type");
    if (name == null || type == null) {
      throw new IOException("ipset list -t printed a set without Name or Type: " + block.keySet());
    }
    String family = "";
    long maxelem = 0;
    List<String> options = new ArrayList<>();
    String[] words = block.getOrDefault("Header", "").strip().split(" +");
    for (int i = 0; i < words.length; i++) {
      String key = words[i];
      if (key.isEmpty()) {
        continue;
      }
      if (HEADER_FLAGS.contains(key) || i + 1 == words.length) {
        options.add(key);
        continue;
      }
      String value = words[++i];
      switch (key) {
        case "family" -> family = value;
        case "maxelem" -> maxelem = number(name, key, value);
        default -> {
          if (!PLAIN_HEADER_KEYS.contains(key)) {
            options.add(key + " " + value);
          }
        }
      }
    }
    return new IpsetHeader(name, type, family, maxelem,
        number(name, "References", block.getOrDefault("References", "0")),
        number(name, "Number of entries", block.getOrDefault("Number of entries", "0")),
        List.copyOf(options));
  }

  private static long number(String set, String what, String value) throws IOException {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IOException("ipset list -t printed " + what + " '" + SafeText.escape(value, 40, "'")
          + "' for set " + SafeText.escape(set, 40, "") + ", not a number", e);
    }
  }

  /**
   * The entries of {@code set}, which holds {@code family}; null if the set does not exist.
   *
   * @throws IOException if ipset fails, or lists something the backend never writes
   */
  AddressSet entries(String set, String family) throws IOException {
    CommandResult r = runner.run(settings.prepared(Command.of("ipset", "list", "-o", "save",
        set)));
    if (!r.succeeded() && r.stderr().contains("does not exist")) {
      return null;
    }
    r.requireSuccess("listing the entries of set " + set);
    return parseEntries(set, family, r.stdout());
  }

  /** The entries in the output of {@code ipset list -o save SET}, checked line by line. */
  static AddressSet parseEntries(String set, String family, String text) throws IOException {
    AddressSet.Builder entries = AddressSet.builder();
    String addPrefix = "add " + set + " ";
    String createPrefix = "create " + set + " hash:net family " + family + " ";
    boolean ipv6 = family.equals("inet6");
    int lineNumber = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNumber++;
      String line = text.substring(start, end);
      start = end + 1;
      if (lineNumber == 1) {
        if (!line.startsWith(createPrefix)) {
          throw new IOException("set " + set + " is not a hash:net set of family " + family
              + ": ipset describes it as '" + SafeText.escape(line, 200, "'") + "'");
        }
        continue;
      }
      IpPrefix entry = line.startsWith(addPrefix)
          ? IpPrefix.tryParse(line.substring(addPrefix.length())) : null;
      if (entry == null || entry.isIpv6() != ipv6) {
        throw new IOException("set " + set + " holds an entry this backend cannot read, on line "
            + lineNumber + " of ipset list -o save: '" + SafeText.escape(line, 200, "'")
            + "'; only plain " + (ipv6 ? "IPv6" : "IPv4") + " addresses and prefixes are"
            + " expected (remove it with ipset del, or give the backend a set of its own)");
      }
      entries.add(entry);
    }
    return entries.build();
  }

  /**
   * Runs {@code ipset restore -exist} with {@code script}: one process for the whole batch.
   *
   * @param what what the batch is for, for an error message
   */
  void restore(CharSequence script, String what) throws IOException {
    runner.run(settings.prepared(Command.of("ipset", "restore", "-exist")
        .withStdin(script.toString()))).requireSuccess(what);
  }

  /** Appends {@code create SET hash:net family F hashsize H maxelem M}. */
  static void create(StringBuilder script, String set, boolean ipv6, int expected, long maxelem) {
    script.append("create ").append(set).append(" hash:net family ")
        .append(ipv6 ? "inet6" : "inet").append(" hashsize ").append(HashSizing.forExpected(expected))
        .append(" maxelem ").append(maxelem).append('\n');
  }

  /** Appends one {@code VERB SET ENTRY} line per entry: the entries' canonical text only. */
  static void lines(StringBuilder script, String verb, String set, AddressSet entries) {
    for (IpPrefix p : entries) {
      script.append(verb).append(' ').append(set).append(' ').append(p).append('\n');
    }
  }
}
