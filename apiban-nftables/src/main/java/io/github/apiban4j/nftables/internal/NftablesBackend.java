package io.github.apiban4j.nftables.internal;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.nftables.internal.NftListing.ListedChain;
import io.github.apiban4j.nftables.internal.NftListing.ListedRule;
import io.github.apiban4j.nftables.internal.NftListing.ListedSet;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code nftables} backend: the blocklist in sets of its own {@code inet} table, dropped by a
 * base chain, every change one {@code nft -j -f -} transaction.
 *
 * <h2>What it creates</h2>
 * <pre>
 * table inet apiban {
 *   set apiban4    { type ipv4_addr; }                  single IPv4 addresses
 *   set apiban4net { type ipv4_addr; flags interval; }  IPv4 prefixes
 *   set apiban6    { type ipv6_addr; }
 *   set apiban6net { type ipv6_addr; flags interval; }
 *   chain blocklist {
 *     type filter hook prerouting priority raw; policy accept;
 *     ip saddr @apiban4 counter drop
 *     ip saddr @apiban4net counter drop
 *     ip6 saddr @apiban6 counter drop
 *     ip6 saddr @apiban6net counter drop
 *   }
 * }
 * </pre>
 * Single addresses live in plain (hash) sets because nft 1.0.6 deletes from an interval set in
 * quadratic time. A prefix nested inside another goes to {@code apiban4net2} (and so on), created
 * with its rule when first needed: an interval set cannot hold overlapping elements, and merging
 * them would lose what was put in (see {@link PrefixLayers}).
 *
 * <h2>Batches</h2>
 * {@link #apply} writes one transaction: single addresses added and deleted in chunks; and, only if
 * the diff touches a family's prefixes, that family's interval sets flushed and refilled, which
 * never deletes from an interval set and never fails on overlaps. A delete of an absent address
 * aborts an nft transaction, so a refused batch is retried once with each deleted chunk added
 * first. {@link #replace} flushes and refills every set in one transaction. A sync therefore
 * starts one to four {@code nft} processes, however many addresses it changes.
 *
 * <h2>Thread-safety</h2>
 * One thread at a time, as the SPI allows.
 */
public final class NftablesBackend implements FirewallBackend {
  private static final boolean[] FAMILIES = {false, true};

  private final NftSettings settings;
  private final Nft nft;
  /** Per family (IPv4, IPv6): the last read found addresses or ranges in an interval set. */
  private final boolean[] untidy = new boolean[2];

  /**
   * A backend with {@code settings} that runs {@code nft} through {@code runner}. Starts nothing and
   * changes nothing until the first call.
   */
  public NftablesBackend(NftSettings settings, CommandRunner runner) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.nft = new Nft(Objects.requireNonNull(runner, "runner"), settings);
  }

  @Override
  public String name() {
    return Nft.BACKEND;
  }

  /** The settings in use. */
  public NftSettings settings() {
    return settings;
  }

  /**
   * Creates the table, sets, chain and rules, or repairs whichever has gone missing or changed,
   * in one transaction that keeps the sets' elements and the drop rules' counters. Reads the
   * table's structure first (one {@code nft -t} listing, without elements) and writes only if
   * something is wrong.
   *
   * @throws FirewallException if the table holds chains, sets or other objects the backend did not
   *     create (the table must be the backend's own), or one of its sets has another type
   */
  @Override
  public boolean prepare() throws IOException {
    Optional<NftListing> found = nft.listTable("prepare", true);
    if (found.isPresent()) {
      checkOwnership(found.get(), "prepare");
    }
    NftScript script = repairScript(found);
    if (script.isEmpty()) {
      return false;
    }
    nft.require("prepare", script, (found.isEmpty() ? "creating" : "repairing") + " table "
        + settings.tableDisplay());
    return true;
  }

  /** What {@link #prepare()} must send to make {@code found} (the table, if any) whole. */
  private NftScript repairScript(Optional<NftListing> found) throws FirewallException {
    NftScript script = new NftScript(settings.table());
    if (found.isEmpty()) {
      script.addTable();
      for (boolean v6 : FAMILIES) {
        script.addSet(settings.plainSet(v6), v6, false);
        script.addSet(settings.layerSet(v6, 0), v6, true);
      }
      addChainWithRules(script, baseSets(), Map.of());
      return script;
    }
    NftListing table = found.get();
    List<OurSet> sets = new ArrayList<>();
    for (boolean v6 : FAMILIES) {
      sets.add(ensureSet(script, table, settings.plainSet(v6), v6, false));
      sets.add(ensureSet(script, table, settings.layerSet(v6, 0), v6, true));
      for (ListedSet s : table.sets().values()) {
        int layer = settings.layerOf(v6, s.name());
        if (layer > 0) {
          sets.add(ensureSet(script, table, s.name(), v6, true));
        }
      }
    }
    repairChain(script, table, sets);
    return script;
  }

  /**
   * Whether the table, its sets, chain and drop rules are whole, and what the rules have dropped:
   * one terse {@code nft -j} listing, nothing changed. Without the table, the hook is missing and
   * nothing is counted.
   */
  @Override
  public BackendStatus status() throws IOException {
    Optional<NftListing> found = nft.listTable("status", true);
    if (found.isEmpty()) {
      return new BackendStatus(BackendStatus.Hook.MISSING, "table " + settings.tableDisplay()
          + " does not exist: the next sync creates it", Optional.empty(), List.of());
    }
    List<String> warnings = new ArrayList<>();
    try {
      checkOwnership(found.get(), "status");
    } catch (FirewallException e) {
      warnings.add(e.getMessage());
    }
    boolean whole;
    try {
      whole = repairScript(found).isEmpty();
    } catch (FirewallException e) {
      warnings.add(e.getMessage());
      whole = false;
    }
    long[] counts = new long[4];
    for (DropCounter c : countersIn(found.get())) {
      counts[c.ipv6() ? 2 : 0] += c.packets();
      counts[c.ipv6() ? 3 : 1] += c.bytes();
    }
    String where = "chain " + NftSettings.CHAIN + " of table " + settings.tableDisplay();
    return new BackendStatus(whole ? BackendStatus.Hook.PRESENT : BackendStatus.Hook.MISSING,
        whole ? where + ", drop rules in place" : where + " is incomplete: the next sync repairs it",
        Optional.of(new BackendStatus.DropCounters(counts[0], counts[1], counts[2], counts[3])),
        warnings);
  }

  /**
   * Everything the backend's sets hold, read with one {@code nft -j list table}; empty if the table
   * does not exist. A range found in an interval set (someone added it by hand) is reported as the
   * prefixes that cover it, and the next {@link #apply} rewrites that family's interval sets.
   */
  @Override
  public AddressSet current() throws IOException {
    Optional<NftListing> found = nft.listTable("current", false);
    untidy[0] = false;
    untidy[1] = false;
    if (found.isEmpty()) {
      return AddressSet.empty();
    }
    // Each listed set is already sorted and distinct: merged whole, not element by element.
    AddressSet all = AddressSet.empty();
    for (boolean v6 : FAMILIES) {
      for (ListedSet s : found.get().sets().values()) {
        if (s.name().equals(settings.plainSet(v6))) {
          all = all.union(s.elements());
        } else if (settings.layerOf(v6, s.name()) >= 0) {
          all = all.union(s.elements());
          if (s.ranges() > 0 || !s.elements().singleAddresses().isEmpty()) {
            untidy[v6 ? 1 : 0] = true;
          }
        }
      }
    }
    return all;
  }

  /**
   * Adds and removes as one transaction. Removing an absent entry and adding a present one are
   * harmless. When the diff holds prefixes of a family, that family's interval sets are read (a
   * terse listing and one small listing per interval set) and rewritten whole.
   */
  @Override
  public void apply(Diff diff) throws IOException {
    if (diff.isEmpty() && !untidy[0] && !untidy[1]) {
      return;
    }
    boolean[] rewrite = new boolean[2];
    Map<Boolean, AddressSet> moved = new HashMap<>();
    NftScript prefixes = new NftScript(settings.table());
    NftListing structure = null;
    for (boolean v6 : FAMILIES) {
      Diff d = v6 ? diff.ipv6() : diff.ipv4();
      int f = v6 ? 1 : 0;
      rewrite[f] = untidy[f] || !d.toAdd().prefixes().isEmpty()
          || !d.toRemove().prefixes().isEmpty();
      if (!rewrite[f]) {
        continue;
      }
      if (structure == null) {
        structure = nft.listTable("apply", true).orElseThrow(() -> missingTable("apply"));
      }
      AddressSet held = readLayers(structure, v6);
      AddressSet next = held.minus(d.toRemove()).union(d.toAdd().prefixes());
      // An address someone put in an interval set by hand moves to the plain set.
      moved.put(v6, next.singleAddresses());
      writeLayers(prefixes, structure, v6, next.prefixes());
    }
    String what = "applying " + diff.toAdd().size() + " additions and " + diff.toRemove().size()
        + " removals to table " + settings.tableDisplay();
    CommandResult r = nft.transaction("apply", singlesScript(diff, moved, prefixes, false));
    if (!r.succeeded() && !diff.toRemove().singleAddresses().isEmpty()
        && r.stderr().contains("No such file or directory")) {
      // Some address to delete was absent, which aborted everything: delete tolerantly.
      r = nft.transaction("apply", singlesScript(diff, moved, prefixes, true));
    }
    if (!r.succeeded()) {
      throw nft.failure("apply", r, what);
    }
    for (int f = 0; f < 2; f++) {
      untidy[f] &= !rewrite[f];
    }
  }

  /** The single-address part of {@code diff}, then the rewritten interval sets. */
  private NftScript singlesScript(Diff diff, Map<Boolean, AddressSet> moved, NftScript prefixes,
      boolean tolerant) {
    NftScript script = new NftScript(settings.table());
    for (boolean v6 : FAMILIES) {
      Diff d = v6 ? diff.ipv6() : diff.ipv4();
      String set = settings.plainSet(v6);
      AddressSet removed = d.toRemove().singleAddresses();
      if (tolerant) {
        script.deleteElementsTolerantly(set, removed);
      } else {
        script.deleteElements(set, removed);
      }
      script.addElements(set, d.toAdd().singleAddresses().union(
          moved.getOrDefault(v6, AddressSet.empty())));
    }
    return script.append(prefixes);
  }

  /** Makes the backend's sets hold exactly {@code entries}, in one transaction. */
  @Override
  public void replace(AddressSet entries) throws IOException {
    NftListing structure = nft.listTable("replace", true)
        .orElseThrow(() -> missingTable("replace"));
    NftScript script = new NftScript(settings.table());
    for (boolean v6 : FAMILIES) {
      AddressSet family = v6 ? entries.ipv6() : entries.ipv4();
      String plain = settings.plainSet(v6);
      script.flushSet(plain).addElements(plain, family.singleAddresses());
      writeLayers(script, structure, v6, family.prefixes());
    }
    nft.require("replace", script, "replacing the " + entries.size() + " entries of table "
        + settings.tableDisplay());
    untidy[0] = false;
    untidy[1] = false;
  }

  /**
   * Deletes the backend's table, with its sets, chain and rules; nothing else. Refuses if the
   * table holds anything the backend did not create.
   */
  @Override
  public void uninstall() throws IOException {
    Optional<NftListing> found = nft.listTable("uninstall", true);
    if (found.isEmpty()) {
      return;
    }
    checkOwnership(found.get(), "uninstall");
    nft.require("uninstall", new NftScript(settings.table()).deleteTable(),
        "deleting table " + settings.tableDisplay());
    untidy[0] = false;
    untidy[1] = false;
  }

  /** Nothing to release: every call runs its own short-lived process. */
  @Override
  public void close() {}

  /**
   * The drop rules' counters: how many packets and bytes each set has dropped since its rule was
   * created. {@link #prepare()} keeps them, even when it must re-create the chain; a rule deleted
   * by hand comes back counting from zero. Empty if the chain does not exist. One
   * {@code nft -j list chain}.
   */
  public List<DropCounter> dropCounters() throws IOException {
    return nft.listChain("counters", NftSettings.CHAIN).map(this::countersIn).orElse(List.of());
  }

  /** The counters of the drop rules in {@code listing}. */
  private List<DropCounter> countersIn(NftListing listing) {
    List<DropCounter> out = new ArrayList<>();
    for (ListedRule rule : listing.rules()) {
      if (rule.chain().equals(NftSettings.CHAIN) && rule.set() != null
          && isOurs(rule.set(), rule.ipv6())) {
        out.add(new DropCounter(rule.set(), rule.ipv6(), rule.packets(), rule.bytes()));
      }
    }
    return List.copyOf(out);
  }

  // --- helpers -------------------------------------------------------------------------------

  /** A set of the backend's, as the chain must reference it. */
  private record OurSet(String name, boolean ipv6) {}

  private List<OurSet> baseSets() {
    List<OurSet> sets = new ArrayList<>();
    for (boolean v6 : FAMILIES) {
      sets.add(new OurSet(settings.plainSet(v6), v6));
      sets.add(new OurSet(settings.layerSet(v6, 0), v6));
    }
    return sets;
  }

  private boolean isOurs(String set, boolean ipv6) {
    return set.equals(settings.plainSet(ipv6)) || settings.layerOf(ipv6, set) >= 0;
  }

  private OurSet ensureSet(NftScript script, NftListing table, String name, boolean v6,
      boolean interval) throws FirewallException {
    ListedSet s = table.sets().get(name);
    if (s == null) {
      script.addSet(name, v6, interval);
    } else if (!(v6 ? "ipv6_addr" : "ipv4_addr").equals(s.type()) || s.interval() != interval) {
      throw new FirewallException(Nft.BACKEND, "prepare", "set " + name + " in table "
          + settings.tableDisplay() + " has type " + s.type() + " and flags " + s.flags()
          + ", not the " + (v6 ? "ipv6_addr" : "ipv4_addr") + (interval ? " interval" : "")
          + " set apiban4j creates; delete the table (nft delete table "
          + settings.tableDisplay() + ") and sync again");
    }
    return new OurSet(name, v6);
  }

  /**
   * Repairs the chain and its rules without re-creating a drop rule that is intact, so that its
   * counter goes on counting: a wrong policy is set in place, a foreign or duplicate rule is
   * deleted by its handle, and only a missing drop rule is added (counting from zero). A chain on
   * another hook, priority or type, which nft cannot change in place, is re-created, and each drop
   * rule takes its old rule's counts along.
   */
  private void repairChain(NftScript script, NftListing table, List<OurSet> sets) {
    ListedChain chain = table.chains().get(NftSettings.CHAIN);
    if (chain == null) {
      addChainWithRules(script, sets, Map.of());
      return;
    }
    List<ListedRule> rules = table.rules().stream()
        .filter(r -> r.chain().equals(NftSettings.CHAIN)).toList();
    if (!"filter".equals(chain.type()) || !settings.hook().equals(chain.hook())
        || !Integer.valueOf(settings.priority()).equals(chain.priority())) {
      Map<OurSet, ListedRule> counted = new HashMap<>();
      for (ListedRule r : rules) {
        if (r.set() != null) {
          counted.merge(new OurSet(r.set(), r.ipv6()), r, (a, b) -> new ListedRule(a.chain(),
              a.handle(), a.ipv6(), a.set(), a.packets() + b.packets(), a.bytes() + b.bytes()));
        }
      }
      script.deleteChain(NftSettings.CHAIN);
      addChainWithRules(script, sets, counted);
      return;
    }
    if (!"accept".equals(chain.policy())) {
      // Adding the chain again with the same hook and priority changes its policy in place.
      script.addChain(NftSettings.CHAIN, settings.hook(), settings.priority());
    }
    Set<OurSet> missing = new LinkedHashSet<>(sets);
    for (ListedRule r : rules) {
      if (r.set() == null || !missing.remove(new OurSet(r.set(), r.ipv6()))) {
        script.deleteRule(NftSettings.CHAIN, r.handle());
      }
    }
    missing.forEach(s -> script.addDropRule(NftSettings.CHAIN, s.ipv6(), s.name()));
  }

  /** The chain with a drop rule per set, each counting on from its entry in {@code counted}. */
  private void addChainWithRules(NftScript script, List<OurSet> sets,
      Map<OurSet, ListedRule> counted) {
    script.addChain(NftSettings.CHAIN, settings.hook(), settings.priority());
    for (OurSet s : sets) {
      ListedRule old = counted.get(s);
      script.addDropRule(NftSettings.CHAIN, s.ipv6(), s.name(), old == null ? 0 : old.packets(),
          old == null ? 0 : old.bytes());
    }
  }

  /** Refuses a table that holds chains, sets or objects the backend would not have created. */
  private void checkOwnership(NftListing table, String operation) throws FirewallException {
    List<String> foreign = new ArrayList<>(table.others());
    for (String chain : table.chains().keySet()) {
      if (!chain.equals(NftSettings.CHAIN)) {
        foreign.add("chain " + chain);
      }
    }
    for (ListedSet s : table.sets().values()) {
      if (!isOurs(s.name(), false) && !isOurs(s.name(), true)) {
        foreign.add("set " + s.name());
      }
    }
    if (!foreign.isEmpty()) {
      throw new FirewallException(Nft.BACKEND, operation, "table " + settings.tableDisplay()
          + " holds " + foreign + ", which apiban4j did not create; the backend needs a table of"
          + " its own: choose another one with backend option table=NAME");
    }
  }

  /** The prefixes (and stray addresses) the family's interval sets hold, one listing per set. */
  private AddressSet readLayers(NftListing structure, boolean v6) throws IOException {
    AddressSet.Builder held = AddressSet.builder();
    for (ListedSet s : structure.sets().values()) {
      if (settings.layerOf(v6, s.name()) >= 0) {
        nft.listSet("apply", s.name()).ifPresent(listed -> {
          for (ListedSet withElements : listed.sets().values()) {
            held.addAll(withElements.elements());
          }
        });
      }
    }
    return held.build();
  }

  /**
   * Writes {@code prefixes} into the family's interval sets, one nesting layer per set: each set
   * needed is created (with its rule) if missing, flushed if present, and filled; sets of deeper
   * layers that are no longer needed are flushed.
   */
  private void writeLayers(NftScript script, NftListing structure, boolean v6,
      AddressSet prefixes) {
    List<List<IpPrefix>> layers = PrefixLayers.of(prefixes);
    int deepestPresent = -1;
    for (ListedSet s : structure.sets().values()) {
      deepestPresent = Math.max(deepestPresent, settings.layerOf(v6, s.name()));
    }
    for (int i = 0; i < Math.max(layers.size(), deepestPresent + 1); i++) {
      String name = settings.layerSet(v6, i);
      if (structure.sets().containsKey(name)) {
        script.flushSet(name);
      } else if (i < layers.size()) {
        script.addSet(name, v6, true).addDropRule(NftSettings.CHAIN, v6, name);
      } else {
        continue;
      }
      if (i < layers.size()) {
        script.addElements(name, layers.get(i));
      }
    }
  }

  private FirewallException missingTable(String operation) {
    return new FirewallException(Nft.BACKEND, operation, "table " + settings.tableDisplay()
        + " does not exist; prepare() creates it (a sync does so first)");
  }
}
