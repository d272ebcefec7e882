package io.github.apiban4j.internal.xtables;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.spi.BackendStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The iptables rules that make the kernel drop banned traffic: a chain of the backend's own
 * ({@code APIBAN} by default) in the hook point's table, jumped to from the first position of the
 * hook point's chain, in both families. Filled either with one {@code -m set --match-set SET src -j
 * DROP} rule per family ({@link #forSets}) or, by the caller, with rules of its own
 * ({@link #forChain}).
 *
 * <h2>How it changes the ruleset</h2>
 * Each operation reads the table with {@code iptables-save -t TABLE} (and {@code ip6tables-save}),
 * works out what is missing or present, and sends only that to {@code iptables-restore --noflush
 * -w} as one transaction per family. A {@code :CHAIN} line is written only for a chain that does
 * not exist: for an existing chain it would flush it, even with {@code --noflush}.
 *
 * <h2>Thread-safety</h2>
 * Immutable; calls may run concurrently, but two processes changing the same table at once can
 * interleave between the read and the write (the next {@link #install()} repairs it).
 */
public final class XtablesHook {
  private final CommandRunner runner;
  private final Optional<String> namespace;
  private final HookPoint point;
  private final String chain;
  /** The drop rule per family; empty when the caller fills the chain itself. */
  private final Map<XtablesFamily, String> dropRules;
  /** Rules of the chain that another configuration of this backend left and install() removes. */
  private final List<String> retiredRules;
  private final Duration timeout;

  private XtablesHook(CommandRunner runner, Optional<String> namespace, HookPoint point,
      String chain, Map<XtablesFamily, String> dropRules, List<String> retiredRules,
      Duration timeout) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.namespace = namespace.map(Command::checkNamespace);
    this.point = Objects.requireNonNull(point, "point");
    this.chain = XtablesNames.chainName("chain", chain);
    this.dropRules = dropRules;
    this.retiredRules = List.copyOf(retiredRules);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("backend option timeout must be positive, not " + timeout);
    }
    this.timeout = timeout;
  }

  /**
   * A chain {@code chain} in the hook point's table holding {@code -m set --match-set SET src -j
   * DROP} ({@code set4} for iptables, {@code set6} for ip6tables), jumped to from the hook point's
   * chain, for both families.
   *
   * @param namespace the network namespace to work in, if not the caller's own
   * @param timeout the time limit of each tool run
   * @throws IllegalArgumentException if a name is not acceptable (the message names the option:
   *     {@code chain}, {@code set4} or {@code set6})
   */
  public static XtablesHook forSets(CommandRunner runner, Optional<String> namespace,
      HookPoint point, String chain, String set4, String set6, Duration timeout) {
    Map<XtablesFamily, String> drops = new EnumMap<>(XtablesFamily.class);
    drops.put(XtablesFamily.IPV4, dropRule(XtablesNames.setName("set4", set4)));
    drops.put(XtablesFamily.IPV6, dropRule(XtablesNames.setName("set6", set6)));
    return new XtablesHook(runner, namespace, point, chain, Map.copyOf(drops), List.of(), timeout);
  }

  /**
   * A chain {@code chain} in the hook point's table, jumped to from the hook point's chain, for
   * both families; its rules are the caller's business ({@link #install()} adds none and removes
   * only {@code retiredRules}, {@link #uninstall()} flushes them with the chain).
   *
   * @param retiredRules rules that a former configuration left in the chain and that would now act
   *     unmanaged (the set drop rules of {@link #forSets}, after a switch to per-address rules),
   *     as iptables-save prints them after the chain
   * @throws IllegalArgumentException if the chain name is not acceptable
   */
  public static XtablesHook forChain(CommandRunner runner, Optional<String> namespace,
      HookPoint point, String chain, List<String> retiredRules, Duration timeout) {
    return new XtablesHook(runner, namespace, point, chain, Map.of(), retiredRules, timeout);
  }

  /** The rule that drops what {@code set} matches, as iptables-save prints it after the chain. */
  public static String dropRule(String set) {
    return "-m set --match-set " + set + " src -j DROP";
  }

  /** The rule that jumps to {@code chain}, as iptables-save prints it after the chain. */
  public static String jumpRule(String chain) {
    return "-j " + chain;
  }

  /** Where the jump sits. */
  public HookPoint point() {
    return point;
  }

  /** The backend's own chain. */
  public String chain() {
    return chain;
  }

  /**
   * Creates what is missing of the chain, the drop rules and the jump rule, in both families.
   * Idempotent. The sets must exist before. Does nothing for {@link HookPoint#NONE}.
   *
   * @return whether anything was missing and has been added
   * @throws IOException if a tool is missing or fails (the message quotes it)
   */
  public boolean install() throws IOException {
    if (point == HookPoint.NONE) {
      return false;
    }
    boolean changed = false;
    for (XtablesFamily family : XtablesFamily.values()) {
      changed |= install(read(family, false));
    }
    return changed;
  }

  /**
   * Creates what is missing of the chain, the drop rule and the jump rule in the family of
   * {@code table}, given that table as {@link #read} has just returned it: for a caller that reads
   * the table for its own purposes too, so that one read serves both. Does nothing for
   * {@link HookPoint#NONE}.
   *
   * @return whether anything was missing and has been added
   * @throws IOException if the restore tool is missing or fails (the message quotes it)
   * @throws IllegalArgumentException if {@code table} is not the hook point's table
   */
  public boolean install(SavedTable table) throws IOException {
    if (point == HookPoint.NONE) {
      return false;
    }
    if (!table.table().equals(point.table())) {
      throw new IllegalArgumentException("table " + table.table() + " is not the hook's table "
          + point.table());
    }
    List<String> lines = installLines(table.family(), table);
    if (lines.isEmpty()) {
      return false;
    }
    restore(table.family(), lines, "installing chain " + chain + " in table " + point.table());
    return true;
  }

  /** What {@link #install()} sends for {@code family}, given the table as it is now. */
  List<String> installLines(XtablesFamily family, SavedTable table) {
    List<String> lines = new ArrayList<>();
    String builtin = point.builtinChain();
    if (!table.hasChain(builtin)) {
      // Only DOCKER-USER can be absent: Docker creates it, keeping one that exists, and sends
      // FORWARD through it once it runs.
      lines.add(":" + builtin + " - [0:0]");
    }
    if (!table.hasChain(chain)) {
      lines.add(":" + chain + " - [0:0]");
    }
    String drop = dropRules.get(family);
    if (drop != null && !table.contains(chain, drop)) {
      lines.add("-A " + chain + " " + drop);
    }
    for (SavedRule r : table.rules(chain)) {
      if (retiredRules.contains(r.spec())) {
        lines.add("-D " + chain + " " + r.spec());
      }
    }
    if (!table.contains(builtin, jumpRule(chain))) {
      lines.add("-I " + builtin + " 1 " + jumpRule(chain));
    }
    return lines;
  }

  /**
   * Whether the chain, its drop rules and the jump rule are all present in both families; always
   * true for {@link HookPoint#NONE}.
   */
  public boolean installed() throws IOException {
    if (point == HookPoint.NONE) {
      return true;
    }
    for (XtablesFamily family : XtablesFamily.values()) {
      if (!installLines(family, read(family, false)).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Removes every plain jump to the chain in its table, then the chain with its rules, in both
   * families; parts already absent are fine, and nothing else is touched. Must run before the sets
   * are destroyed: the kernel refuses to destroy a set that a rule references. Does nothing for
   * {@link HookPoint#NONE}.
   *
   * @throws IOException if a tool is missing or fails, for instance because a rule of someone
   *     else's with more than a plain jump still references the chain
   */
  public void uninstall() throws IOException {
    if (point == HookPoint.NONE) {
      return;
    }
    for (XtablesFamily family : XtablesFamily.values()) {
      List<String> lines = uninstallLines(read(family, false));
      if (!lines.isEmpty()) {
        restore(family, lines, "removing chain " + chain + " from table " + point.table());
      }
    }
  }

  /**
   * What {@link #uninstall()} sends, given the table as it is now. A chain that also holds rules
   * that are not this hook's drop rule (someone else's, in a chain of the same name that existed
   * before) loses only the drop rule, and keeps the jumps that lead to it, so those rules work on
   * as they did.
   */
  List<String> uninstallLines(SavedTable table) {
    List<String> lines = new ArrayList<>();
    if (!table.hasChain(chain)) {
      return lines;
    }
    String drop = dropRules.get(table.family());
    List<SavedRule> rules = table.rules(chain);
    if (drop != null && rules.stream().anyMatch(r -> !r.spec().equals(drop))) {
      rules.stream().filter(r -> r.spec().equals(drop))
          .forEach(r -> lines.add("-D " + chain + " " + drop));
      return lines;
    }
    for (SavedRule r : table.rules()) {
      if (r.spec().equals(jumpRule(chain))) {
        lines.add("-D " + r.chain() + " " + jumpRule(chain));
      }
    }
    lines.add("-F " + chain);
    lines.add("-X " + chain);
    return lines;
  }


  /**
   * The chain's rules with their packet and byte counters ({@code iptables-save -c}), IPv4 first;
   * empty for {@link HookPoint#NONE} or when the chain is absent.
   */
  public List<SavedRule> counters() throws IOException {
    List<SavedRule> rules = new ArrayList<>();
    if (point == HookPoint.NONE) {
      return rules;
    }
    for (XtablesFamily family : XtablesFamily.values()) {
      rules.addAll(read(family, true).rules(chain));
    }
    return rules;
  }

  /**
   * Whether the chain, its drop rules and the jump are in place in both families, what the drop
   * rules have counted ({@code iptables-save -c}), and warnings: a rule ahead of the jump that
   * accepts traffic (which then never meets the bans), and rules in the other iptables variant.
   * Changes nothing. For {@link HookPoint#NONE}: {@link BackendStatus.Hook#UNKNOWN}, since the user's
   * own rules reference the sets.
   */
  public BackendStatus status() throws IOException {
    if (point == HookPoint.NONE) {
      return new BackendStatus(BackendStatus.Hook.UNKNOWN, "hook=none: rules of your own reference"
          + " the sets", Optional.empty(), List.of());
    }
    boolean whole = true;
    long[] counts = new long[4];
    List<String> warnings = new ArrayList<>();
    for (XtablesFamily family : XtablesFamily.values()) {
      SavedTable table = read(family, true);
      whole &= installLines(family, table).isEmpty();
      int at = family == XtablesFamily.IPV4 ? 0 : 2;
      for (SavedRule r : table.rules(chain)) {
        if (r.spec().endsWith("-j DROP")) {
          counts[at] += r.packets();
          counts[at + 1] += r.bytes();
        }
      }
      unmanagedRules(table).ifPresent(warnings::add);
      acceptBeforeJump(table).ifPresent(r -> warnings.add(family.tool() + " -t " + point.table()
          + ": '" + r.appendLine() + "' accepts traffic before the jump to " + chain
          + ", so banned sources it matches are never checked"));
    }
    otherVariantWarning().ifPresent(warnings::add);
    String where = "chain " + chain + " in table " + point.table() + ", jumped to from "
        + point.builtinChain();
    return new BackendStatus(whole ? BackendStatus.Hook.PRESENT : BackendStatus.Hook.MISSING,
        whole ? where : where + " is incomplete: the next sync puts it back",
        Optional.of(new BackendStatus.DropCounters(counts[0], counts[1], counts[2], counts[3])),
        warnings);
  }

  /**
   * For a chain of set drop rules: a warning about the other drop rules in it, such as the
   * per-address rules of iptables mode {@code rules} or of the official APIBAN client that used a
   * chain of the same name. They are not this hook's, so it leaves them, but nothing expires them.
   */
  private Optional<String> unmanagedRules(SavedTable table) {
    String drop = dropRules.get(table.family());
    if (drop == null) {
      return Optional.empty();
    }
    long others = table.rules(chain).stream()
        .filter(r -> !r.spec().equals(drop) && r.spec().endsWith("-j DROP")).count();
    if (others == 0) {
      return Optional.empty();
    }
    return Optional.of(table.family().tool() + " -t " + point.table() + ": chain " + chain
        + " also holds " + others + " DROP rule" + (others == 1 ? "" : "s") + " besides '" + drop
        + "' (per-address rules of mode=rules or of another APIBAN client?); this backend does not"
        + " manage them and they never expire: remove them, for instance with 'uninstall' of the"
        + " configuration that made them");
  }

  /** The first rule of the hook point's chain that accepts traffic ahead of the jump, if any. */
  private Optional<SavedRule> acceptBeforeJump(SavedTable table) {
    for (SavedRule r : table.rules(point.builtinChain())) {
      if (r.spec().equals(jumpRule(chain))) {
        return Optional.empty();
      }
      if (r.spec().endsWith("-j ACCEPT")) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** See {@link XtablesVariants#otherVariantWarning}, in this hook's namespace. */
  public Optional<String> otherVariantWarning() throws IOException {
    return XtablesVariants.otherVariantWarning(runner, namespace, timeout);
  }

  /**
   * The hook point's table as {@code iptables-save -t TABLE} (with {@code -c}: counters) prints it
   * for {@code family}.
   *
   * @throws IllegalStateException for {@link HookPoint#NONE}, which has no table
   */
  public SavedTable read(XtablesFamily family, boolean counters) throws IOException {
    if (point == HookPoint.NONE) {
      throw new IllegalStateException("hook none has no table");
    }
    Command save = counters
        ? Command.of(family.saveProgram(), "-c", "-t", point.table())
        : Command.of(family.saveProgram(), "-t", point.table());
    String out = runner.run(prepared(save))
        .requireSuccess("reading table " + point.table() + " with " + family.saveProgram())
        .stdout();
    return SavedTable.parse(family, point.table(), out);
  }

  /**
   * Sends {@code lines} to {@code iptables-restore --noflush} (or ip6tables-restore) for the hook
   * point's table, as one transaction.
   *
   * @param what what the change is for, for an error message
   */
  public void restore(XtablesFamily family, List<String> lines, String what)
      throws IOException {
    StringBuilder script = new StringBuilder(lines.size() * 48 + 32);
    script.append('*').append(point.table()).append('\n');
    for (String line : lines) {
      script.append(line).append('\n');
    }
    script.append("COMMIT\n");
    runner.run(prepared(restoreCommand(family).withStdin(script.toString())))
        .requireSuccess(what + " with " + family.restoreProgram());
  }

  /**
   * {@code iptables-restore --noflush -w SECONDS}: waits for the xtables lock that iptables-legacy
   * takes, a second less than the time limit so that its own message says what held it up.
   */
  Command restoreCommand(XtablesFamily family) {
    long wait = Math.max(1, timeout.toSeconds() - 1);
    return Command.of(family.restoreProgram(), "--noflush", "-w", Long.toString(wait));
  }

  private Command prepared(Command command) {
    Command c = command.withTimeout(timeout);
    return namespace.isPresent() ? c.inNamespace(namespace.get()) : c;
  }

  @Override
  public String toString() {
    return "XtablesHook[" + point.optionValue() + ", chain " + chain
        + (dropRules.isEmpty() ? "" : ", " + dropRules.values()) + namespace.map(n -> ", netns "
        + n).orElse("") + "]";
  }
}
