package io.github.apiban4j.iptables.internal;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.internal.exec.CommandFailedException;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.internal.xtables.XtablesNames;
import io.github.apiban4j.internal.xtables.SetRoom;
import io.github.apiban4j.internal.xtables.XtablesHook;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.spi.FirewallException;
import java.io.IOException;
import java.util.Map;

/**
 * Mode {@code set}: the entries live in two ipset {@code hash:net} sets (by default
 * {@code apiban4} and {@code apiban6}, the ones the ipset-netlink backend uses too), and the chain
 * holds one {@code -m set} drop rule per family.
 *
 * <h2>Processes</h2>
 * {@link #apply} runs {@code ipset list -t} (existence and sizes) and one {@code ipset restore
 * -exist} with every {@code del} and {@code add} line; {@link #current()} one {@code ipset list -o
 * save} per set; {@link #replace} one {@code ipset restore} that builds staging sets, swaps them in
 * and destroys the old contents.
 *
 * <h2>All or nothing</h2>
 * {@code ipset restore} stops at the first line that fails and keeps the lines before it. The
 * failures it can foresee (a set missing, a set too small, a prefix it cannot hold) are checked
 * before anything is sent; an unforeseen one (a set destroyed meanwhile) can leave part of a batch
 * applied, which the next sync's diff puts right. A replacement is atomic per family (the swap),
 * not across the two.
 */
final class SetModeBackend extends IptablesBackend {
  private final IpsetTool ipset;
  private final XtablesHook hook;
  /** Per family, IPv4 first: what is known of the set's room, so a page needs no listing. */
  private final SetRoom[] rooms = {new SetRoom(), new SetRoom()};

  SetModeBackend(CommandRunner runner, IptablesSettings settings) {
    super(runner, settings);
    this.ipset = new IpsetTool(runner, settings);
    this.hook = XtablesHook.forSets(runner, settings.namespace(), settings.hook(),
        settings.chain(), settings.set4(), settings.set6(), settings.timeout());
  }

  @Override
  XtablesHook hook() {
    return hook;
  }

  @Override
  boolean doPrepare() throws IOException {
    Map<String, IpsetHeader> sets = ipset.headers();
    StringBuilder script = new StringBuilder();
    boolean created = false;
    for (boolean ipv6 : new boolean[] {false, true}) {
      String name = setName(ipv6);
      IpsetHeader h = sets.get(name);
      if (h == null) {
        IpsetTool.create(script, name, ipv6, 0, settings.capacity());
        room(ipv6).reset(0, settings.capacity());
        created = true;
      } else {
        requireFits(h, ipv6, "prepare");
        room(ipv6).reset(h.entries(), Math.min(h.maxelem(), settings.capacity()));
      }
      IpsetHeader staging = sets.get(XtablesNames.stagingSet(name));
      if (staging != null && staging.references() == 0) {
        // Left over from a replacement that was cut short.
        script.append("destroy ").append(staging.name()).append('\n');
      }
    }
    if (script.length() > 0) {
      ipset.restore(script, "creating sets " + settings.set4() + " and " + settings.set6());
    }
    return hook.install() | created;
  }

  private void requireFits(IpsetHeader h, boolean ipv6, String operation)
      throws FirewallException {
    String family = ipv6 ? "inet6" : "inet";
    if (!h.fits(family)) {
      throw new FirewallException(NAME, operation, "set " + h.name() + " exists as "
          + h.describe() + ", not as plain hash:net family " + family + "; destroy it (ipset"
          + " destroy " + h.name() + ") or name another set with backend option "
          + (ipv6 ? "set6" : "set4"));
    }
  }

  @Override
  AddressSet doCurrent() throws IOException {
    AddressSet v4 = ipset.entries(settings.set4(), "inet");
    AddressSet v6 = ipset.entries(settings.set6(), "inet6");
    if (v4 == null || v6 == null) {
      return v4 == null ? orEmpty(v6) : v4;
    }
    return v4.union(v6);
  }

  private static AddressSet orEmpty(AddressSet s) {
    return s == null ? AddressSet.empty() : s;
  }

  @Override
  void doApply(Diff diff) throws IOException {
    try {
      applyOnce(diff);
    } catch (IOException | RuntimeException e) {
      rooms[0].forget();
      rooms[1].forget();
      throw e;
    }
  }

  /**
   * One {@code ipset restore} of the batch; the sets' headers ({@code ipset list -t}, one more
   * process) are read only when a family's room is not known to suffice.
   */
  private void applyOnce(Diff diff) throws IOException {
    Map<String, IpsetHeader> sets = null;
    StringBuilder script = new StringBuilder(diff.size() * 28);
    for (boolean ipv6 : new boolean[] {false, true}) {
      Diff part = ipv6 ? diff.ipv6() : diff.ipv4();
      if (part.isEmpty()
          || room(ipv6).allowsUnchecked(part.toAdd().size(), part.toRemove().size())) {
        IpsetTool.lines(script, "del", setName(ipv6), part.toRemove());
        IpsetTool.lines(script, "add", setName(ipv6), part.toAdd());
        continue;
      }
      sets = sets != null ? sets : ipset.headers();
      String name = setName(ipv6);
      IpsetHeader h = sets.get(name);
      if (h == null) {
        throw new FirewallException(NAME, "apply", "set " + name + " does not exist; prepare()"
            + " creates it (a sync does so before it applies anything)");
      }
      requireFits(h, ipv6, "apply");
      long limit = Math.min(h.maxelem(), settings.capacity());
      room(ipv6).reset(h.entries(), limit);
      if (h.entries() + part.toAdd().size() > limit) {
        // It might not fit: work out exactly, and build a larger set if it does not.
        if (grow(name, ipv6, h, part)) {
          room(ipv6).forget();
          continue;
        }
      }
      IpsetTool.lines(script, "del", name, part.toRemove());
      IpsetTool.lines(script, "add", name, part.toAdd());
    }
    if (script.length() > 0) {
      try {
        ipset.restore(script, "applying " + diff);
      } catch (CommandFailedException e) {
        if (e.stderr().contains("Hash is full")) {
          throw new FirewallCapacityException(NAME, "apply", settings.capacity(), e.getMessage()
              + "; part of the batch may have been applied, and the next sync completes it");
        }
        throw e;
      }
    }
    rooms[0].added(diff.ipv4().toAdd().size());
    rooms[1].added(diff.ipv6().toAdd().size());
  }

  private SetRoom room(boolean ipv6) {
    return rooms[ipv6 ? 1 : 0];
  }

  /**
   * Applies {@code part} by building a set of the configured capacity, if the live set is too small
   * for the result.
   *
   * @return whether it did; false if the live set holds the result after all
   * @throws FirewallCapacityException if the result exceeds the configured capacity
   */
  private boolean grow(String name, boolean ipv6, IpsetHeader h, Diff part) throws IOException {
    AddressSet live = ipset.entries(name, ipv6 ? "inet6" : "inet");
    AddressSet result = part.applyTo(live == null ? AddressSet.empty() : live);
    requireCapacity(result.size(), "apply", ipv6);
    if (result.size() <= h.maxelem()) {
      return false;
    }
    StringBuilder script = new StringBuilder(result.size() * 28 + 256);
    build(script, name, ipv6, result, true);
    ipset.restore(script, "growing set " + name + " from maxelem " + h.maxelem() + " to "
        + Math.max(settings.capacity(), result.size()));
    return true;
  }

  private void requireCapacity(int size, String operation, boolean ipv6)
      throws FirewallCapacityException {
    if (size > settings.capacity()) {
      throw new FirewallCapacityException(NAME, operation, settings.capacity(), "set "
          + setName(ipv6) + " would hold " + size + " entries, more than its capacity of "
          + settings.capacity() + "; nothing was changed. Raise backend option capacity");
    }
  }

  /**
   * Appends the building of {@code entries} in the staging set and its swap into {@code name}
   * (or its renaming to {@code name}, if that set is gone).
   */
  private void build(StringBuilder script, String name, boolean ipv6, AddressSet entries,
      boolean liveExists) {
    String staging = XtablesNames.stagingSet(name);
    IpsetTool.create(script, staging, ipv6, entries.size(),
        Math.max(settings.capacity(), entries.size()));
    IpsetTool.lines(script, "add", staging, entries);
    if (liveExists) {
      script.append("swap ").append(staging).append(' ').append(name).append('\n');
      script.append("destroy ").append(staging).append('\n');
    } else {
      script.append("rename ").append(staging).append(' ').append(name).append('\n');
    }
  }

  @Override
  void doReplace(AddressSet entries) throws IOException {
    rooms[0].forget();
    rooms[1].forget();
    requireCapacity(entries.ipv4().size(), "replace", false);
    requireCapacity(entries.ipv6().size(), "replace", true);
    Map<String, IpsetHeader> sets = ipset.headers();
    StringBuilder script = new StringBuilder(entries.size() * 28 + 512);
    for (boolean ipv6 : new boolean[] {false, true}) {
      String name = setName(ipv6);
      IpsetHeader live = sets.get(name);
      if (live != null) {
        requireFits(live, ipv6, "replace");
      }
      if (sets.containsKey(XtablesNames.stagingSet(name))) {
        script.append("destroy ").append(XtablesNames.stagingSet(name)).append('\n');
      }
      build(script, name, ipv6, ipv6 ? entries.ipv6() : entries.ipv4(), live != null);
    }
    ipset.restore(script, "replacing the contents of " + settings.set4() + " and "
        + settings.set6());
  }

  @Override
  void doUninstall() throws IOException {
    rooms[0].forget();
    rooms[1].forget();
    hook.uninstall();
    Map<String, IpsetHeader> sets = ipset.headers();
    StringBuilder script = new StringBuilder();
    for (String name : new String[] {settings.set4(), settings.set6(),
        XtablesNames.stagingSet(settings.set4()), XtablesNames.stagingSet(settings.set6())}) {
      IpsetHeader h = sets.get(name);
      if (h == null) {
        continue;
      }
      if (h.references() > 0) {
        throw new FirewallException(NAME, "uninstall", "set " + name + " is still referenced "
            + h.references() + " time(s) by rules that are not the backend's; remove them first"
            + " (iptables-save | grep -w " + name + ", and ip6tables-save), then uninstall again");
      }
      script.append("destroy ").append(name).append('\n');
    }
    if (script.length() > 0) {
      ipset.restore(script, "destroying sets " + settings.set4() + " and " + settings.set6());
    }
  }

  private String setName(boolean ipv6) {
    return ipv6 ? settings.set6() : settings.set4();
  }
}
