package io.github.apiban4j.internal.state;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;

/**
 * When each accepted entry was last received from the feed, as Unix seconds of the local clock.
 * Immutable; entries are kept sorted so that merging a batch and selecting by time are linear passes.
 */
public final class LastSeen {
  private static final LastSeen EMPTY = new LastSeen(new IpPrefix[0], new long[0]);

  private final IpPrefix[] entries;
  private final long[] seconds;

  private LastSeen(IpPrefix[] entries, long[] seconds) {
    this.entries = entries;
    this.seconds = seconds;
  }

  public static LastSeen empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return entries.length;
  }

  public boolean isEmpty() {
    return entries.length == 0;
  }

  public IpPrefix entry(int index) {
    return entries[index];
  }

  /** Unix seconds at which {@link #entry(int) entry(index)} was last received. */
  public long seenAt(int index) {
    return seconds[index];
  }

  /** The entries, without times. */
  public AddressSet entries() {
    return AddressSet.copyOf(Arrays.asList(entries));
  }

  /**
   * This table with every entry of {@code received} marked as seen at {@code epochSecond} (an entry
   * already seen later keeps its later time).
   */
  public LastSeen record(AddressSet received, long epochSecond) {
    if (received.isEmpty()) {
      return this;
    }
    int capacity = entries.length + received.size();
    IpPrefix[] outEntries = new IpPrefix[capacity];
    long[] outSeconds = new long[capacity];
    int n = 0;
    int i = 0;
    Iterator<IpPrefix> it = received.iterator();
    IpPrefix next = it.next();
    while (i < entries.length || next != null) {
      int c = next == null ? -1 : i == entries.length ? 1 : entries[i].compareTo(next);
      if (c < 0) {
        outEntries[n] = entries[i];
        outSeconds[n++] = seconds[i++];
      } else {
        outEntries[n] = next;
        outSeconds[n++] = c == 0 ? Math.max(seconds[i++], epochSecond) : epochSecond;
        next = it.hasNext() ? it.next() : null;
      }
    }
    return new LastSeen(Arrays.copyOf(outEntries, n), Arrays.copyOf(outSeconds, n));
  }

  /** This table without the entries for which {@code drop} is true. */
  public LastSeen without(EntryPredicate drop) {
    IpPrefix[] outEntries = new IpPrefix[entries.length];
    long[] outSeconds = new long[entries.length];
    int n = 0;
    for (int i = 0; i < entries.length; i++) {
      if (!drop.test(entries[i], seconds[i])) {
        outEntries[n] = entries[i];
        outSeconds[n++] = seconds[i];
      }
    }
    return n == entries.length ? this
        : new LastSeen(Arrays.copyOf(outEntries, n), Arrays.copyOf(outSeconds, n));
  }

  /** This table with each time replaced by {@code change.apply(entry, time)}. */
  public LastSeen withTimes(TimeChange change) {
    long[] out = null; // allocated at the first change: usually there is none
    for (int i = 0; i < seconds.length; i++) {
      long t = change.apply(entries[i], seconds[i]);
      if (t != seconds[i]) {
        if (out == null) {
          out = seconds.clone();
        }
        out[i] = t;
      }
    }
    return out == null ? this : new LastSeen(entries, out);
  }

  /** A new last-seen time for an entry. */
  @FunctionalInterface
  public interface TimeChange {
    long apply(IpPrefix entry, long seenAtSecond);
  }


  /** The entries for which {@code keep} is true. */
  public AddressSet select(EntryPredicate keep) {
    AddressSet.Builder b = AddressSet.builder();
    for (int i = 0; i < entries.length; i++) {
      if (keep.test(entries[i], seconds[i])) {
        b.add(entries[i]);
      }
    }
    return b.build();
  }

  /** A test on an entry and the Unix second it was last seen. */
  @FunctionalInterface
  public interface EntryPredicate {
    boolean test(IpPrefix entry, long seenAtSecond);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LastSeen l && Arrays.equals(entries, l.entries)
        && Arrays.equals(seconds, l.seconds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(entries) * 31 + Arrays.hashCode(seconds);
  }

  @Override
  public String toString() {
    return "LastSeen[" + entries.length + " entries]";
  }

  /** Collects (entry, time) pairs in any order; a repeated entry keeps its latest time. */
  public static final class Builder {
    private IpPrefix[] entries = new IpPrefix[64];
    private long[] seconds = new long[64];
    private int size;

    private Builder() {}

    public Builder put(IpPrefix entry, long epochSecond) {
      Objects.requireNonNull(entry, "entry");
      if (size == entries.length) {
        entries = Arrays.copyOf(entries, size * 2);
        seconds = Arrays.copyOf(seconds, size * 2);
      }
      entries[size] = entry;
      seconds[size++] = epochSecond;
      return this;
    }

    public LastSeen build() {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> entries[a].compareTo(entries[b]));
      IpPrefix[] outEntries = new IpPrefix[size];
      long[] outSeconds = new long[size];
      int n = 0;
      for (int k = 0; k < size; k++) {
        int i = order[k];
        if (n > 0 && outEntries[n - 1].equals(entries[i])) {
          outSeconds[n - 1] = Math.max(outSeconds[n - 1], seconds[i]);
        } else {
          outEntries[n] = entries[i];
          outSeconds[n++] = seconds[i];
        }
      }
      return n == 0 ? EMPTY : new LastSeen(Arrays.copyOf(outEntries, n), Arrays.copyOf(outSeconds, n));
    }
  }
}
