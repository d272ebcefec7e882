package io.github.apiban4j.ipset.netlink.internal;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.internal.exec.FirewallErrors;
import io.github.apiban4j.internal.xtables.SetRoom;
import io.github.apiban4j.internal.xtables.XtablesHook;
import io.github.apiban4j.ipset.netlink.internal.codec.Ipset;
import io.github.apiban4j.ipset.netlink.internal.codec.ListReply;
import io.github.apiban4j.ipset.netlink.internal.codec.SetHeader;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.spi.FirewallException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code ipset-netlink} backend: two {@code hash:net} sets, filled and read over netlink by an
 * {@link IpsetSession}, and an iptables hook that drops what they match (at hook point
 * {@code NONE}, the user's own rules do).
 *
 * <p>Only {@link #prepare()} and {@link #uninstall()} start processes (the iptables tools that
 * install or remove the hook); {@link #apply}, {@link #current()} and {@link #replace} speak netlink
 * only.
 *
 * <p>ipset has no transactions. {@link #apply} deletes, then adds, family by family, encoding the
 * elements straight from the diff's sets; a small batch's deletions and additions go in one
 * {@code send()}. If the kernel refuses an element, what came before it stays applied (and, for a
 * refused deletion, the additions sent with it) and the error names the element. The sync engine
 * reads {@link #current()} at the start of every run, so the next run reconciles. A
 * set that would overflow is grown first (a larger set is built, filled and swapped in) unless the
 * capacity is fixed, in which case the batch is refused before anything is sent.
 */
public final class IpsetNetlinkBackend implements FirewallBackend {
  /** The backend's name. */
  public static final String NAME = "ipset-netlink";
  private static final int HIGHEST_KNOWN_REVISION = 7;

  private final List<SetFamily> families;
  private final int capacity;
  private final IpsetSession session;
  private final XtablesHook hook;
  private final SetRoom[] bounds = {new SetRoom(), new SetRoom()};
  private int revision = -1;

  /**
   * @param capacity a fixed maximum of entries per set, or 0 to grow the sets as needed
   * @param hook the rules that drop what the sets match; at {@code HookPoint.NONE} the user's own
   */
  public IpsetNetlinkBackend(String set4, String set6, int capacity,
      NetlinkChannel.Factory channels, XtablesHook hook) {
    this.families = List.of(SetFamily.ipv4(set4), SetFamily.ipv6(set6));
    this.capacity = capacity;
    this.session = new IpsetSession(channels);
    this.hook = Objects.requireNonNull(hook, "hook");
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Checks the kernel's protocol, creates each set that is missing (sized for the default count),
   * removes a leftover build set of an interrupted replacement, then installs what is missing of
   * the hook.
   */
  @Override
  public boolean prepare() throws IOException {
    forgetBounds();
    boolean created = netlink("prepare", () -> {
      boolean any = false;
      for (int i = 0; i < families.size(); i++) {
        SetFamily f = families.get(i);
        any |= ensureSet(f, SetSizing.forExpected(0, capacity), bounds[i]);
        session.destroy(f.buildName());
      }
      return any;
    });
    try {
      return hook.install() || created;
    } catch (IOException e) {
      throw FirewallErrors.translate(NAME, "prepare", e);
    }
  }

  @Override
  public AddressSet current() throws IOException {
    return netlink("current", () -> {
      AddressSet all = AddressSet.empty();
      for (SetFamily f : families) {
        Optional<ListReply> list = session.list(f.name(), false);
        if (list.isPresent()) {
          all = all.union(f.select(list.get().members()));
        }
      }
      return all;
    });
  }

  @Override
  public void apply(Diff diff) throws IOException {
    for (int i = 0; i < families.size(); i++) {
      SetFamily f = families.get(i);
      SetRoom bound = bounds[i];
      AddressSet add = f.select(diff.toAdd());
      AddressSet remove = f.select(diff.toRemove());
      if (add.isEmpty() && remove.isEmpty()) {
        continue;
      }
      // Adds and deletes without NLM_F_EXCL are idempotent, so a retry after a lost reply is safe.
      try {
        netlink("apply", () -> {
          if (bound.allowsUnchecked(add.size(), remove.size())) {
            session.change(f.name(), remove, add);
          } else {
            applyChecked(f, bound, add, remove);
          }
          bound.added(add.size());
          return null;
        });
      } catch (IOException | RuntimeException e) {
        bound.forget();
        throw e;
      }
    }
  }

  /**
   * A batch after reading the set's header. Refused before anything is sent if it cannot fit even
   * when every removal hits; when only removals that hit would make room, they go first and the
   * header is read again. The set is rebuilt larger first when the additions need it.
   */
  private void applyChecked(SetFamily f, SetRoom bound, AddressSet add, AddressSet remove)
      throws IOException {
    SetHeader now = header(f);
    requireCapacity(f, "apply", (long) now.elements() - remove.size() + add.size());
    session.bulk(Ipset.CMD_DEL, f.name(), remove);
    long needed = (long) now.elements() + add.size(); // an upper bound: removals only make room
    if (capacity > 0 && needed > capacity && !remove.isEmpty()) {
      now = header(f);
      needed = (long) now.elements() + add.size();
      requireCapacity(f, "apply", needed);
    }
    if (needed > now.maxElem() || (now.elements() == 0 && add.size() > 2L * now.hashSize())) {
      // The larger set is built with the additions already in it, so they are sent once.
      AddressSet held = session.list(f.name(), false).orElseThrow().members();
      now = rebuild(f, held.union(add), needed);
      bound.reset(now.elements(), limit(now));
      return;
    }
    bound.reset(now.elements(), limit(now));
    session.bulk(Ipset.CMD_ADD, f.name(), add);
  }

  @Override
  public void replace(AddressSet entries) throws IOException {
    forgetBounds();
    for (int i = 0; i < families.size(); i++) {
      SetFamily f = families.get(i);
      SetRoom bound = bounds[i];
      AddressSet selected = f.select(entries);
      netlink("replace", () -> {
        requireCapacity(f, "replace", selected.size());
        ensureSet(f, SetSizing.forExpected(selected.size(), capacity), bound);
        SetHeader now = rebuild(f, selected, selected.size());
        bound.reset(now.elements(), limit(now));
        return null;
      });
    }
  }

  @Override
  public void uninstall() throws IOException {
    forgetBounds();
    try {
      hook.uninstall();
    } catch (IOException e) {
      throw FirewallErrors.translate(NAME, "uninstall", e);
    }
    netlink("uninstall", () -> {
      for (SetFamily f : families) {
        session.destroy(f.buildName());
        session.destroy(f.name());
      }
      return null;
    });
  }

  @Override
  public void close() {
    session.close();
  }

  /**
   * Whether both sets exist (netlink) and the hook is whole, with its drop counters and warnings
   * (iptables-save); changes nothing.
   */
  @Override
  public BackendStatus status() throws IOException {
    List<String> missing = new ArrayList<>();
    for (SetFamily f : families) {
      if (netlink("status", () -> session.list(f.name(), true)).isEmpty()) {
        missing.add(f.name());
      }
    }
    BackendStatus hookStatus;
    try {
      hookStatus = hook.status();
    } catch (IOException e) {
      throw FirewallErrors.translate(NAME, "status", e);
    }
    if (missing.isEmpty()) {
      return hookStatus;
    }
    return new BackendStatus(BackendStatus.Hook.MISSING, "set " + String.join(" and ", missing)
        + " missing, so nothing is dropped; the next sync creates it. "
        + hookStatus.hookDetail(), hookStatus.drops(), hookStatus.warnings());
  }

  private void forgetBounds() {
    for (SetRoom b : bounds) {
      b.forget();
    }
  }

  /** The hook: its point is {@code NONE} when the user's own rules reference the sets. */
  public XtablesHook hook() {
    return hook;
  }

  /**
   * Builds {@code entries} in the family's build set, sized for {@code expected}, and swaps it in.
   *
   * @return the live set's header now
   */
  private SetHeader rebuild(SetFamily f, AddressSet entries, long expected) throws IOException {
    SetSizing sizing = SetSizing.forExpected(expected, capacity);
    session.destroy(f.buildName());
    session.create(f.buildName(), SetFamily.TYPE, revision(), f.nfproto(), sizing.hashSize(),
        sizing.maxElem());
    session.bulk(Ipset.CMD_ADD, f.buildName(), entries);
    session.swap(f.buildName(), f.name());
    session.destroy(f.buildName());
    return created(f, sizing, entries.size());
  }

  /** The header of a set this backend just created with {@code sizing} and filled. */
  private SetHeader created(SetFamily f, SetSizing sizing, int elements) throws IOException {
    return new SetHeader(f.name(), SetFamily.TYPE, f.nfproto(), revision(), sizing.hashSize(),
        sizing.maxElem(), elements, 0);
  }

  /** Creates the set if it is missing; otherwise checks its type and family and notes its size. */
  private boolean ensureSet(SetFamily f, SetSizing sizing, SetRoom bound) throws IOException {
    Optional<ListReply> existing = session.list(f.name(), true);
    if (existing.isEmpty()) {
      session.create(f.name(), SetFamily.TYPE, revision(), f.nfproto(), sizing.hashSize(),
          sizing.maxElem());
      bound.reset(0, limit(created(f, sizing, 0)));
      return true;
    }
    SetHeader h = existing.get().header();
    if (h == null || !SetFamily.TYPE.equals(h.typeName()) || h.family() != f.nfproto()) {
      throw new FirewallException(NAME, "prepare", "set " + f.name() + " exists but is "
          + (h == null ? "of an unknown type" : h.typeName() + " family " + h.family())
          + ", not " + SetFamily.TYPE + " family " + f.familyName() + ": destroy it (ipset destroy "
          + f.name() + ") or choose another name with backend option set4/set6");
    }
    bound.reset(h.elements(), limit(h));
    return false;
  }

  private SetHeader header(SetFamily f) throws IOException {
    Optional<ListReply> list = session.list(f.name(), true);
    if (list.isEmpty() || list.get().header() == null) {
      throw new FirewallException(NAME, "apply", "set " + f.name() + " does not exist: it was"
          + " destroyed after prepare(); the next sync's prepare() creates it again");
    }
    return list.get().header();
  }

  /** The most entries {@code h}'s set may take: its maxelem, or the lower configured capacity. */
  private long limit(SetHeader h) {
    return capacity > 0 ? Math.min(capacity, h.maxElem()) : h.maxElem();
  }

  private void requireCapacity(SetFamily f, String operation, long needed)
      throws FirewallCapacityException {
    if (capacity > 0 && needed > capacity) {
      throw new FirewallCapacityException(NAME, operation, capacity, "set " + f.name()
          + " holds at most " + capacity + " entries (backend option capacity) and this "
          + operation + " needs " + needed + "; none of its additions were made. Raise the"
          + " option, or leave it unset to let the sets grow");
    }
  }

  private int revision() throws IOException {
    if (revision < 0) {
      int[] range = session.protocol();
      if (range[1] > Ipset.PROTOCOL || range[0] < Ipset.PROTOCOL_MIN) {
        throw new FirewallException(NAME, "prepare", "the kernel speaks ipset protocol "
            + range[1] + " to " + range[0] + " and apiban4j speaks " + Ipset.PROTOCOL
            + ": use the iptables or nftables backend on this kernel");
      }
      revision = Math.min(HIGHEST_KNOWN_REVISION,
          session.maxRevision(SetFamily.TYPE, families.get(0).nfproto()));
    }
    return revision;
  }

  private interface Step<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code step}; if the socket's replies became untrustworthy, runs it once more on a new
   * socket (every step re-reads what it needs), then gives up with the translated error.
   */
  private <T> T netlink(String operation, Step<T> step) throws FirewallException {
    try {
      try {
        return step.run();
      } catch (NetlinkDesyncException first) {
        return step.run();
      }
    } catch (IOException e) {
      throw IpsetErrors.translate(operation, e);
    }
  }
}
