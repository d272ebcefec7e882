package io.github.apiban4j.iptables.internal;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.CommandFailedException;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.internal.xtables.SavedRule;
import io.github.apiban4j.internal.xtables.SavedTable;
import io.github.apiban4j.internal.xtables.XtablesFamily;
import io.github.apiban4j.internal.xtables.XtablesHook;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.spi.FirewallException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mode {@code rules}: one {@code -s PREFIX -j DROP} rule per entry in the chain, as the official
 * APIBAN client does, for hosts without ipset.
 *
 * <h2>Cost</h2>
 * Every packet that reaches the chain is compared with its rules one after another: with 10,000
 * rules the round trip of a packet rose from 3 to 29 microseconds on the machine of netlink.md
 * §6.4, where one {@code -m set} rule over a 100,000-entry set stayed at 3. Use mode {@code set}
 * wherever ipset exists.
 *
 * <h2>Processes</h2>
 * {@link #prepare()} and {@link #current()} always read the chain ({@code iptables-save -t TABLE}
 * per family), and the backend keeps what they read ({@link KnownEntries}). Per family with
 * changes, an {@link #apply} of additions only is then one {@code iptables-restore --noflush} of
 * the {@code -A} lines of the entries not known to be there; any other {@link #apply}, and every
 * {@link #replace}, reads the chain first and sends one {@code iptables-restore --noflush} holding
 * every {@code -D} and {@code -A}. Each restore is one transaction, so each family changes wholly
 * or not at all. From a chain that holds nothing else, beyond {@value #REWRITE_ABOVE} removals, or
 * removals whose rules lie deep in the chain (see {@link #SEARCH_PER_KEPT_RULE}), the transaction
 * declares the chain afresh and appends what stays, which is far quicker than deleting rule by rule
 * (but starts the rules' packet counters from zero). Rules of other shapes in the chain are neither
 * read as entries nor touched.
 *
 * <h2>Changes made by others</h2>
 * What is known is forgotten after any failure. A restore of additions that fails (the chain was
 * removed meanwhile, say) is tried once more after a read. A rule deleted by hand since the last
 * read is not put back by a page that carries its entry again, but by the next sync, whose
 * {@link #prepare()} and {@link #current()} read the kernel. A rule added by hand since then may end
 * up twice in the chain: {@link #current()} reads it as one entry, and a removal, which always
 * reads first, deletes every copy.
 */
final class RulesModeBackend extends IptablesBackend {
  private static final String RULE_PREFIX = "-s ";
  private static final String RULE_SUFFIX = " -j DROP";
  /** Removals beyond which the chain is rewritten rather than edited rule by rule. */
  static final int REWRITE_ABOVE = 1000;
  /**
   * How many rules the {@code -D} lines of a removal may compare, per rule that stays, before the
   * chain is rewritten instead. Each {@code -D} of iptables-nft searches the chain from its start:
   * 250 of them took 13 to 22 s for the last rules of a chain of 100,000 and 1.1 to 2.7 s for the
   * first (about 1 s of which any removal pays, to load the chain), while declaring the chain afresh
   * and appending 100,000 rules took 1.5 to 1.6 s: a compared rule costs about a 25th of an
   * appended one.
   */
  static final int SEARCH_PER_KEPT_RULE = 25;

  private final XtablesHook hook;
  private final KnownEntries known = new KnownEntries();

  RulesModeBackend(CommandRunner runner, IptablesSettings settings) {
    super(runner, settings);
    // After a switch from mode set, its drop rule would go on matching a set nothing updates.
    this.hook = XtablesHook.forChain(runner, settings.namespace(), settings.hook(),
        settings.chain(), List.of(XtablesHook.dropRule(settings.set4()),
            XtablesHook.dropRule(settings.set6())), settings.timeout());
  }

  @Override
  XtablesHook hook() {
    return hook;
  }

  @Override
  boolean doPrepare() throws IOException {
    known.forget();
    boolean changed = false;
    for (XtablesFamily family : XtablesFamily.values()) {
      SavedTable table = hook.read(family, false);
      changed |= hook.install(table);
      // Installing adds and removes no entry: the chain holds what was read, or nothing if new.
      known.reset(family, AddressSet.copyOf(entries(table).keySet()));
    }
    return changed;
  }

  @Override
  AddressSet doCurrent() throws IOException {
    known.forget();
    AddressSet.Builder all = AddressSet.builder();
    for (XtablesFamily family : XtablesFamily.values()) {
      SavedTable table = hook.read(family, false);
      AddressSet held = AddressSet.copyOf(entries(table).keySet());
      if (table.hasChain(settings.chain())) {
        known.reset(family, held);
      }
      all.addAll(held);
    }
    return all.build();
  }

  /** The chain's drop rules by the entry each stands for, with how many times it appears. */
  private Map<IpPrefix, Integer> entries(SavedTable table) throws IOException {
    Map<IpPrefix, Integer> found = new HashMap<>();
    for (SavedRule r : table.rules(settings.chain())) {
      String spec = r.spec();
      if (!spec.startsWith(RULE_PREFIX) || !spec.endsWith(RULE_SUFFIX)) {
        continue;
      }
      IpPrefix p = IpPrefix.tryParse(spec.substring(RULE_PREFIX.length(),
          spec.length() - RULE_SUFFIX.length()));
      if (p == null || p.isIpv6() != (table.family() == XtablesFamily.IPV6)) {
        continue; // "-s" with something iptables-save prints but that is not an entry of ours
      }
      found.merge(p, 1, Integer::sum);
    }
    return found;
  }

  @Override
  void doApply(Diff diff) throws IOException {
    try {
      for (XtablesFamily family : XtablesFamily.values()) {
        Diff part = family == XtablesFamily.IPV6 ? diff.ipv6() : diff.ipv4();
        if (!part.isEmpty() && !appendUnread(family, part)) {
          change(family, present -> part, "apply");
        }
      }
    } catch (IOException | RuntimeException e) {
      known.forget();
      throw e;
    }
  }

  /**
   * Appends the additions of {@code part} that are not known to be in the chain, without reading
   * it first.
   *
   * @return whether it did; false if {@code part} removes anything, the chain's entries are not
   *     known, they might not leave room for the additions, or the restore failed (then they are
   *     no longer known either)
   */
  private boolean appendUnread(XtablesFamily family, Diff part) throws IOException {
    AddressSet present = known.get(family);
    if (present == null || !part.toRemove().isEmpty()) {
      return false;
    }
    AddressSet adds = part.toAdd().minus(present);
    if ((long) present.size() + adds.size() > settings.capacity()) {
      return false; // some rules may have gone since: a read tells for sure
    }
    if (adds.isEmpty()) {
      return true;
    }
    List<String> lines = new ArrayList<>(adds.size());
    for (IpPrefix p : adds) {
      lines.add(appendLine(p));
    }
    try {
      hook.restore(family, lines, "apply: " + adds.size() + " rules to add in chain "
          + settings.chain());
    } catch (CommandFailedException e) {
      // Nothing was changed (one transaction); the chain may have changed since it was read, so
      // the caller reads it and says what is wrong, if anything still is.
      known.forget();
      return false;
    }
    known.added(family, adds);
    return true;
  }

  @Override
  void doReplace(AddressSet entries) throws IOException {
    try {
      for (XtablesFamily family : XtablesFamily.values()) {
        AddressSet wanted = family == XtablesFamily.IPV6 ? entries.ipv6() : entries.ipv4();
        change(family, present -> Diff.between(wanted, present), "replace");
      }
    } catch (IOException | RuntimeException e) {
      known.forget();
      throw e;
    }
  }

  /** How to get from what the chain holds to what it should. */
  private interface Plan {
    Diff from(AddressSet present);
  }

  private void change(XtablesFamily family, Plan plan, String operation) throws IOException {
    SavedTable table = hook.read(family, false);
    if (!table.hasChain(settings.chain())) {
      throw new FirewallException(NAME, operation, "chain " + settings.chain() + " does not exist"
          + " in " + family.tool() + " table " + settings.hook().table() + "; prepare() creates"
          + " it (a sync does so before it applies anything)");
    }
    Map<IpPrefix, Integer> present = entries(table);
    AddressSet presentSet = AddressSet.copyOf(present.keySet());
    Diff diff = plan.from(presentSet);
    AddressSet adds = diff.toAdd().minus(presentSet);
    AddressSet removes = diff.toRemove().filter(present::containsKey);
    long after = (long) presentSet.size() - removes.size() + adds.size();
    if (after > settings.capacity()) {
      throw new FirewallCapacityException(NAME, operation, settings.capacity(), "chain "
          + settings.chain() + " would hold " + after + " " + family.tool() + " rules, more than"
          + " the capacity of " + settings.capacity() + "; nothing was changed. Raise backend"
          + " option capacity, or better, use mode=set");
    }
    if (adds.isEmpty() && removes.isEmpty()) {
      known.reset(family, presentSet);
      return;
    }
    List<String> lines = new ArrayList<>(adds.size() + removes.size() + 1);
    if (rewrites(table, present, removes)) {
      lines.add(":" + settings.chain() + " - [0:0]");
      for (IpPrefix p : presentSet.minus(removes)) {
        lines.add(appendLine(p));
      }
    } else {
      for (IpPrefix p : removes) {
        for (int i = present.get(p); i > 0; i--) {
          lines.add("-D " + settings.chain() + " " + rule(p));
        }
      }
    }
    for (IpPrefix p : adds) {
      lines.add(appendLine(p));
    }
    hook.restore(family, lines, operation + ": " + adds.size() + " rules to add and "
        + removes.size() + " to delete in chain " + settings.chain());
    // Every copy of a removed entry went, and the additions were absent: one rule each now.
    known.reset(family, presentSet.minus(removes).union(adds));
  }

  /**
   * Whether to declare the chain afresh (which empties it) and append what stays, rather than delete
   * rule by rule: only if every rule of the chain is one of its entries, once each, so that nothing
   * is lost; then if the removals are many, or the searches of their {@code -D} lines long.
   */
  private boolean rewrites(SavedTable table, Map<IpPrefix, Integer> present,
      AddressSet removes) {
    List<SavedRule> rules = table.rules(settings.chain());
    if (removes.isEmpty() || rules.size() != present.size()) {
      return false;
    }
    if (removes.size() > REWRITE_ABOVE) {
      return true;
    }
    Set<String> deleted = new HashSet<>();
    for (IpPrefix p : removes) {
      deleted.add(rule(p));
    }
    long compared = 0;
    for (int i = 0; i < rules.size(); i++) {
      if (deleted.contains(rules.get(i).spec())) {
        compared += i + 1;
      }
    }
    return compared > (long) SEARCH_PER_KEPT_RULE * (rules.size() - removes.size());
  }

  /** The restore line that appends the rule of entry {@code p} to the chain. */
  private String appendLine(IpPrefix p) {
    return "-A " + settings.chain() + " " + rule(p);
  }

  /** {@code -s ADDRESS/LENGTH -j DROP}, from the entry's canonical text only. */
  private static String rule(IpPrefix p) {
    String text = p.toString();
    return RULE_PREFIX + (p.isSingleAddress() ? text + "/" + p.length() : text) + RULE_SUFFIX;
  }

  @Override
  void doUninstall() throws IOException {
    known.forget();
    hook.uninstall();
  }
}
