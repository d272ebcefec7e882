package io.github.apiban4j.internal.xtables;

import io.github.apiban4j.internal.SafeText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One table as {@code iptables-save} prints it: its chains and its rules in order. Parsing is
 * strict: a line of any other shape is an error, since acting on a misread ruleset could delete
 * the wrong rule.
 *
 * <h2>Thread-safety</h2>
 * Immutable.
 */
public final class SavedTable {
  private static final Pattern CHAIN = Pattern.compile(":(\\S+) (\\S+) \\[(\\d+):(\\d+)\\]");
  private static final Pattern RULE =
      Pattern.compile("(?:\\[(\\d+):(\\d+)\\] )?-A (\\S+) (.+)");

  private final XtablesFamily family;
  private final String table;
  private final Set<String> chains;
  private final List<SavedRule> rules;
  /** The rules by chain, grouped once: callers ask for one chain several times a table. */
  private final Map<String, List<SavedRule>> byChain = new HashMap<>();

  private SavedTable(XtablesFamily family, String table, Set<String> chains,
      List<SavedRule> rules) {
    this.family = family;
    this.table = table;
    this.chains = Collections.unmodifiableSet(chains);
    this.rules = Collections.unmodifiableList(rules);
    for (SavedRule r : rules) {
      byChain.computeIfAbsent(r.chain(), c -> new ArrayList<>()).add(r);
    }
    byChain.replaceAll((c, list) -> Collections.unmodifiableList(list));
  }

  /** A table with no chains, as when {@code iptables-save} has nothing to say about it. */
  public static SavedTable empty(XtablesFamily family, String table) {
    return new SavedTable(family, table, new LinkedHashSet<>(), new ArrayList<>());
  }

  /**
   * The table {@code table} in the output of {@code iptables-save [-c] -t TABLE}; an empty table if
   * the output does not mention it.
   *
   * @throws IOException if a line is not one {@code iptables-save} writes
   */
  public static SavedTable parse(XtablesFamily family, String table, String saveOutput)
      throws IOException {
    SavedTable found = parseAll(family, saveOutput).get(table);
    return found != null ? found : empty(family, table);
  }

  /**
   * Every table in the output of {@code iptables-save [-c]}, in the order printed.
   *
   * @throws IOException if a line is not one {@code iptables-save} writes
   */
  public static Map<String, SavedTable> parseAll(XtablesFamily family, String saveOutput)
      throws IOException {
    Map<String, SavedTable> tables = new LinkedHashMap<>();
    String current = null;
    Set<String> chains = null;
    List<SavedRule> rules = null;
    int lineNumber = 0;
    for (String line : saveOutput.split("\n", -1)) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (current == null) {
        if (line.startsWith("*") && line.length() > 1 && line.indexOf(' ') < 0) {
          current = line.substring(1);
          chains = new LinkedHashSet<>();
          rules = new ArrayList<>();
          continue;
        }
        throw unexpected(family, lineNumber, line);
      }
      if (line.equals("COMMIT")) {
        tables.put(current, new SavedTable(family, current, chains, rules));
        current = null;
        continue;
      }
      Matcher chain = CHAIN.matcher(line);
      if (chain.matches()) {
        chains.add(chain.group(1));
        continue;
      }
      Matcher rule = RULE.matcher(line);
      if (rule.matches()) {
        long packets = rule.group(1) == null ? 0 : parseCount(family, lineNumber, rule.group(1));
        long bytes = rule.group(2) == null ? 0 : parseCount(family, lineNumber, rule.group(2));
        rules.add(new SavedRule(family, rule.group(3), rule.group(4), packets, bytes));
        continue;
      }
      throw unexpected(family, lineNumber, line);
    }
    if (current != null) {
      throw new IOException(family.saveProgram() + " output ends inside table " + current
          + " without COMMIT");
    }
    return tables;
  }

  private static long parseCount(XtablesFamily family, int lineNumber, String digits)
      throws IOException {
    try {
      return Long.parseUnsignedLong(digits);
    } catch (NumberFormatException e) {
      throw new IOException(family.saveProgram() + " output line " + lineNumber
          + " has a counter out of range: " + SafeText.escape(digits, 40, ""), e);
    }
  }

  private static IOException unexpected(XtablesFamily family, int lineNumber, String line) {
    return new IOException("unexpected line " + lineNumber + " in " + family.saveProgram()
        + " output: '" + SafeText.escape(line, 200, "'") + "'");
  }

  /** Which tool printed it. */
  public XtablesFamily family() {
    return family;
  }

  /** The table's name: {@code raw}, {@code filter}, … */
  public String table() {
    return table;
  }

  /** The chains declared, built-in and user-defined, in the order printed. */
  public Set<String> chains() {
    return chains;
  }

  /** Whether the chain exists. */
  public boolean hasChain(String chain) {
    return chains.contains(chain);
  }

  /** Every rule, in order. */
  public List<SavedRule> rules() {
    return rules;
  }

  /** The rules of {@code chain}, in order. */
  public List<SavedRule> rules(String chain) {
    return byChain.getOrDefault(chain, List.of());
  }

  /** How many rules of {@code chain} read exactly {@code spec}. */
  public int count(String chain, String spec) {
    int n = 0;
    for (SavedRule r : rules(chain)) {
      if (r.spec().equals(spec)) {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code chain} holds a rule that reads exactly {@code spec}. */
  public boolean contains(String chain, String spec) {
    return count(chain, spec) > 0;
  }

  @Override
  public String toString() {
    return family.tool() + " table " + table + ": " + chains.size() + " chains, " + rules.size()
        + " rules";
  }
}
