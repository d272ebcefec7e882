package io.github.apiban4j.address;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An immutable set of IPv4 and IPv6 addresses and prefixes, stored compactly in sorted primitive
 * arrays: 4 bytes per single IPv4 address, 16 per single IPv6 address. Lookups are binary searches
 * and {@link Diff#between} is one linear merge, so sets of a million entries are cheap to compare.
 *
 * <p>Entries are exact: {@link #contains(IpPrefix)} asks whether this very prefix is a member, while
 * {@link #matches(InetAddress)} asks whether an address falls inside any member, which is what a
 * packet filter does. Iteration is in {@link IpPrefix} order. Instances are safe to share between
 * threads.
 */
public final class AddressSet implements Iterable<IpPrefix> {
  private static final int MIN = Integer.MIN_VALUE;
  private static final long MIN_L = Long.MIN_VALUE;
  private static final AddressSet EMPTY =
      new AddressSet(Lanes.NO_INTS, Lanes.NO_LONGS, Lanes.NO_LONGS, Lanes.NO_LONGS);

  // Sign-flipped so signed order is unsigned address order (see Lanes).
  final int[] v4Hosts; // address ^ MIN
  final long[] v4Nets; // ((address ^ MIN) << 8) | length
  final long[] v6Hosts; // pairs: high ^ MIN, low ^ MIN
  final long[] v6Nets; // triples: high ^ MIN, low ^ MIN, length
  private final int v4NetLengths; // bit n set: some IPv4 prefix has length n (n < 32)
  private final long v6NetLengthsLow; // lengths 0..63
  private final long v6NetLengthsHigh; // lengths 64..127

  AddressSet(int[] v4Hosts, long[] v4Nets, long[] v6Hosts, long[] v6Nets) {
    this.v4Hosts = v4Hosts;
    this.v4Nets = v4Nets;
    this.v6Hosts = v6Hosts;
    this.v6Nets = v6Nets;
    int v4Lengths = 0;
    for (long rec : v4Nets) {
      v4Lengths |= 1 << (int) (rec & 0xFF);
    }
    long low = 0;
    long high = 0;
    for (int i = 2; i < v6Nets.length; i += 3) {
      int length = (int) v6Nets[i];
      if (length < 64) {
        low |= 1L << length;
      } else {
        high |= 1L << (length - 64);
      }
    }
    this.v4NetLengths = v4Lengths;
    this.v6NetLengthsLow = low;
    this.v6NetLengthsHigh = high;
  }

  public static AddressSet empty() {
    return EMPTY;
  }

  public static AddressSet of(IpPrefix... entries) {
    Builder b = builder();
    for (IpPrefix p : entries) {
      b.add(p);
    }
    return b.build();
  }

  public static AddressSet copyOf(Iterable<IpPrefix> entries) {
    if (entries instanceof AddressSet set) {
      return set;
    }
    return builder().addAll(entries).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return v4Hosts.length + v4Nets.length + v6Hosts.length / 2 + v6Nets.length / 3;
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /** Whether {@code entry} itself is a member (not whether it is covered by one). */
  public boolean contains(IpPrefix entry) {
    if (entry.isIpv4()) {
      int flipped = (int) entry.lo() ^ MIN;
      return entry.isSingleAddress()
          ? Arrays.binarySearch(v4Hosts, flipped) >= 0
          : Arrays.binarySearch(v4Nets, v4NetRecord(flipped, entry.length())) >= 0;
    }
    if (entry.isSingleAddress()) {
      return Lanes.search(v6Hosts, 2, new long[] {entry.hi() ^ MIN_L, entry.lo() ^ MIN_L}) >= 0;
    }
    return Lanes.search(v6Nets, 3, new long[] {entry.hi() ^ MIN_L, entry.lo() ^ MIN_L, entry.length()})
        >= 0;
  }

  /** Whether {@code address} falls inside any member: a single address or a prefix. */
  public boolean matches(InetAddress address) {
    return matches(IpPrefix.of(address));
  }

  /** Whether {@code entry} lies entirely inside some member. */
  public boolean matches(IpPrefix entry) {
    if (entry.isIpv4()) {
      int bits = (int) entry.lo();
      if (entry.isSingleAddress() && Arrays.binarySearch(v4Hosts, bits ^ MIN) >= 0) {
        return true;
      }
      for (int lengths = v4NetLengths; lengths != 0; lengths &= lengths - 1) {
        int length = Integer.numberOfTrailingZeros(lengths);
        if (length <= entry.length()
            && Arrays.binarySearch(v4Nets, v4NetRecord((bits & IpPrefix.mask32(length)) ^ MIN, length))
                >= 0) {
          return true;
        }
      }
      return false;
    }
    long hi = entry.hi();
    long lo = entry.lo();
    if (entry.isSingleAddress() && Lanes.search(v6Hosts, 2, new long[] {hi ^ MIN_L, lo ^ MIN_L}) >= 0) {
      return true;
    }
    long[] key = new long[3];
    for (int half = 0; half < 2; half++) {
      for (long lengths = half == 0 ? v6NetLengthsLow : v6NetLengthsHigh; lengths != 0;
          lengths &= lengths - 1) {
        int length = Long.numberOfTrailingZeros(lengths) + 64 * half;
        if (length > entry.length()) {
          return false; // lengths ascend from here on
        }
        key[0] = (hi & IpPrefix.mask64Hi(length)) ^ MIN_L;
        key[1] = (lo & IpPrefix.mask64Lo(length)) ^ MIN_L;
        key[2] = length;
        if (Lanes.search(v6Nets, 3, key) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** The IPv4 members only. */
  public AddressSet ipv4() {
    return v6Hosts.length == 0 && v6Nets.length == 0
        ? this
        : new AddressSet(v4Hosts, v4Nets, Lanes.NO_LONGS, Lanes.NO_LONGS);
  }

  /** The IPv6 members only. */
  public AddressSet ipv6() {
    return v4Hosts.length == 0 && v4Nets.length == 0
        ? this
        : new AddressSet(Lanes.NO_INTS, Lanes.NO_LONGS, v6Hosts, v6Nets);
  }

  /** The members that are single addresses. */
  public AddressSet singleAddresses() {
    return v4Nets.length == 0 && v6Nets.length == 0
        ? this
        : new AddressSet(v4Hosts, Lanes.NO_LONGS, v6Hosts, Lanes.NO_LONGS);
  }

  /** The members that are prefixes shorter than a single address. */
  public AddressSet prefixes() {
    return v4Hosts.length == 0 && v6Hosts.length == 0
        ? this
        : new AddressSet(Lanes.NO_INTS, v4Nets, Lanes.NO_LONGS, v6Nets);
  }

  public AddressSet union(AddressSet other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    return new AddressSet(
        Lanes.union(v4Hosts, other.v4Hosts),
        Lanes.union(v4Nets, other.v4Nets, 1),
        Lanes.union(v6Hosts, other.v6Hosts, 2),
        Lanes.union(v6Nets, other.v6Nets, 3));
  }

  /** The members of this set that are not members of {@code other}. */
  public AddressSet minus(AddressSet other) {
    if (other.isEmpty() || isEmpty()) {
      return this;
    }
    return new AddressSet(
        Lanes.split(v4Hosts, other.v4Hosts).onlyLeft(),
        Lanes.split(v4Nets, other.v4Nets, 1).onlyLeft(),
        Lanes.split(v6Hosts, other.v6Hosts, 2).onlyLeft(),
        Lanes.split(v6Nets, other.v6Nets, 3).onlyLeft());
  }

  /** The members for which {@code keep} is true. */
  public AddressSet filter(Predicate<? super IpPrefix> keep) {
    Builder b = builder();
    for (IpPrefix p : this) {
      if (keep.test(p)) {
        b.add(p);
      }
    }
    return b.build();
  }

  public Stream<IpPrefix> stream() {
    return StreamSupport.stream(spliterator(), false);
  }

  @Override
  public Spliterator<IpPrefix> spliterator() {
    return Spliterators.spliterator(iterator(), size(),
        Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL | Spliterator.IMMUTABLE);
  }

  /** Members in {@link IpPrefix} order: IPv4 before IPv6, by address, then by length. */
  @Override
  public Iterator<IpPrefix> iterator() {
    return new Iterator<>() {
      private int h4;
      private int n4;
      private int h6;
      private int n6;

      @Override
      public boolean hasNext() {
        return h4 < v4Hosts.length || n4 < v4Nets.length || h6 < v6Hosts.length / 2
            || n6 < v6Nets.length / 3;
      }

      @Override
      public IpPrefix next() {
        if (h4 < v4Hosts.length || n4 < v4Nets.length) {
          IpPrefix host = h4 < v4Hosts.length ? v4Host(h4) : null;
          IpPrefix net = n4 < v4Nets.length ? v4Net(n4) : null;
          if (net == null || host != null && host.compareTo(net) < 0) {
            h4++;
            return host;
          }
          n4++;
          return net;
        }
        if (h6 < v6Hosts.length / 2 || n6 < v6Nets.length / 3) {
          IpPrefix host = h6 < v6Hosts.length / 2 ? v6Host(h6) : null;
          IpPrefix net = n6 < v6Nets.length / 3 ? v6Net(n6) : null;
          if (net == null || host != null && host.compareTo(net) < 0) {
            h6++;
            return host;
          }
          n6++;
          return net;
        }
        throw new NoSuchElementException();
      }
    };
  }

  private IpPrefix v4Host(int i) {
    return new IpPrefix(false, 0, (v4Hosts[i] ^ MIN) & 0xFFFF_FFFFL, 32);
  }

  private IpPrefix v4Net(int i) {
    long rec = v4Nets[i];
    return new IpPrefix(false, 0, ((int) (rec >> 8) ^ MIN) & 0xFFFF_FFFFL, (int) (rec & 0xFF));
  }

  private IpPrefix v6Host(int i) {
    return new IpPrefix(true, v6Hosts[2 * i] ^ MIN_L, v6Hosts[2 * i + 1] ^ MIN_L, 128);
  }

  private IpPrefix v6Net(int i) {
    return new IpPrefix(true, v6Nets[3 * i] ^ MIN_L, v6Nets[3 * i + 1] ^ MIN_L, (int) v6Nets[3 * i + 2]);
  }

  static long v4NetRecord(int flippedAddress, int length) {
    return ((long) flippedAddress << 8) | length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressSet s
        && Arrays.equals(v4Hosts, s.v4Hosts) && Arrays.equals(v4Nets, s.v4Nets)
        && Arrays.equals(v6Hosts, s.v6Hosts) && Arrays.equals(v6Nets, s.v6Nets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(v4Hosts), Arrays.hashCode(v4Nets), Arrays.hashCode(v6Hosts),
        Arrays.hashCode(v6Nets));
  }

  /** A short summary: the size and the first few members. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("AddressSet[").append(size());
    int shown = 0;
    for (IpPrefix p : this) {
      sb.append(shown == 0 ? ": " : ", ");
      if (shown++ == 8) {
        sb.append('…');
        break;
      }
      sb.append(p);
    }
    return sb.append(']').toString();
  }

  /**
   * Collects entries, in any order and with duplicates, into an {@link AddressSet}. Not thread-safe;
   * {@link #build()} may be called once.
   */
  public static final class Builder {
    private final Lanes.IntBuffer v4Hosts = new Lanes.IntBuffer(64);
    private final Lanes.LongBuffer v4Nets = new Lanes.LongBuffer(4);
    private final Lanes.LongBuffer v6Hosts = new Lanes.LongBuffer(4);
    private final Lanes.LongBuffer v6Nets = new Lanes.LongBuffer(4);
    // Input that arrives sorted (the output of another set, say) skips the sort.
    private boolean v4HostsSorted = true;
    private boolean v4NetsSorted = true;
    private boolean v6HostsSorted = true;
    private boolean v6NetsSorted = true;
    private boolean built;

    private Builder() {}

    public Builder add(IpPrefix entry) {
      Objects.requireNonNull(entry, "entry");
      if (entry.isIpv4()) {
        int flipped = (int) entry.lo() ^ MIN;
        if (entry.isSingleAddress()) {
          addFlippedIpv4(flipped);
        } else {
          long rec = v4NetRecord(flipped, entry.length());
          int n = v4Nets.size();
          v4NetsSorted &= n == 0 || v4Nets.raw()[n - 1] <= rec;
          v4Nets.add(rec);
        }
      } else if (entry.isSingleAddress()) {
        long[] rec = {entry.hi() ^ MIN_L, entry.lo() ^ MIN_L};
        v6HostsSorted &= isAfterLast(v6Hosts, rec, 2);
        v6Hosts.add(rec, 0, 2);
      } else {
        long[] rec = {entry.hi() ^ MIN_L, entry.lo() ^ MIN_L, entry.length()};
        v6NetsSorted &= isAfterLast(v6Nets, rec, 3);
        v6Nets.add(rec, 0, 3);
      }
      return this;
    }

    /** Adds the single IPv4 address with these bits (network order). */
    public Builder addIpv4(int bits) {
      addFlippedIpv4(bits ^ MIN);
      return this;
    }

    private void addFlippedIpv4(int flipped) {
      int n = v4Hosts.size();
      v4HostsSorted &= n == 0 || v4Hosts.raw()[n - 1] <= flipped;
      v4Hosts.add(flipped);
    }

    public Builder addAll(Iterable<IpPrefix> entries) {
      for (IpPrefix p : entries) {
        add(p);
      }
      return this;
    }

    /**
     * Parses and adds {@code text}.
     *
     * @throws AddressFormatException if the text is not a literal
     */
    public Builder add(CharSequence text) {
      return add(IpPrefix.parse(text));
    }

    public int size() {
      return v4Hosts.size() + v4Nets.size() + v6Hosts.size() / 2 + v6Nets.size() / 3;
    }

    public AddressSet build() {
      if (built) {
        throw new IllegalStateException("build() was already called");
      }
      built = true;
      if (size() == 0) {
        return EMPTY;
      }
      return new AddressSet(
          v4Hosts.size() == 0 ? Lanes.NO_INTS
              : Lanes.sortedDistinct(v4Hosts.raw(), v4Hosts.size(), v4HostsSorted),
          v4Nets.size() == 0 ? Lanes.NO_LONGS
              : Lanes.sortedDistinct(v4Nets.raw(), v4Nets.size(), 1, v4NetsSorted),
          v6Hosts.size() == 0 ? Lanes.NO_LONGS
              : Lanes.sortedDistinct(v6Hosts.raw(), v6Hosts.size() / 2, 2, v6HostsSorted),
          v6Nets.size() == 0 ? Lanes.NO_LONGS
              : Lanes.sortedDistinct(v6Nets.raw(), v6Nets.size() / 3, 3, v6NetsSorted));
    }

    private static boolean isAfterLast(Lanes.LongBuffer lane, long[] rec, int width) {
      int n = lane.size() / width;
      return n == 0 || Lanes.compare(lane.raw(), n - 1, rec, 0, width) <= 0;
    }
  }
}
