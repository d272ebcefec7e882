package io.github.apiban4j.address;

import java.util.Objects;

/**
 * The change that turns one {@link AddressSet} into another: what to add and what to remove. The two
 * sides never share an entry.
 *
 * <p>{@link #between} is one linear merge over the sorted arrays of both sets: comparing two sets of
 * a million IPv4 addresses takes milliseconds and allocates only the result.
 *
 * @param toAdd entries to insert
 * @param toRemove entries to delete
 */
public record Diff(AddressSet toAdd, AddressSet toRemove) {
  private static final Diff NONE = new Diff(AddressSet.empty(), AddressSet.empty());

  public Diff {
    Objects.requireNonNull(toAdd, "toAdd");
    Objects.requireNonNull(toRemove, "toRemove");
  }

  /** The empty diff. */
  public static Diff none() {
    return NONE;
  }

  /** The diff that turns {@code current} into {@code desired}. */
  public static Diff between(AddressSet desired, AddressSet current) {
    Lanes.IntSplit v4Hosts = Lanes.split(desired.v4Hosts, current.v4Hosts);
    Lanes.LongSplit v4Nets = Lanes.split(desired.v4Nets, current.v4Nets, 1);
    Lanes.LongSplit v6Hosts = Lanes.split(desired.v6Hosts, current.v6Hosts, 2);
    Lanes.LongSplit v6Nets = Lanes.split(desired.v6Nets, current.v6Nets, 3);
    return new Diff(
        new AddressSet(v4Hosts.onlyLeft(), v4Nets.onlyLeft(), v6Hosts.onlyLeft(), v6Nets.onlyLeft()),
        new AddressSet(v4Hosts.onlyRight(), v4Nets.onlyRight(), v6Hosts.onlyRight(),
            v6Nets.onlyRight()));
  }

  public boolean isEmpty() {
    return toAdd.isEmpty() && toRemove.isEmpty();
  }

  /** Number of entries added plus removed. */
  public int size() {
    return toAdd.size() + toRemove.size();
  }

  /** The set this diff produces from {@code current}. */
  public AddressSet applyTo(AddressSet current) {
    return current.minus(toRemove).union(toAdd);
  }

  /** The same change restricted to one family, for backends that keep a set per family. */
  public Diff ipv4() {
    return new Diff(toAdd.ipv4(), toRemove.ipv4());
  }

  public Diff ipv6() {
    return new Diff(toAdd.ipv6(), toRemove.ipv6());
  }

  @Override
  public String toString() {
    return "Diff[+" + toAdd.size() + " -" + toRemove.size() + "]";
  }
}
