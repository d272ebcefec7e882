package io.github.apiban4j.ipset.netlink.internal.codec;

import io.github.apiban4j.address.IpPrefix;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The elements of one bulk {@code ADD} or {@code DEL}, read once, in order, with one element of
 * lookahead: a message takes as many as fit straight from the caller's set, with no copy into a
 * list first. An element's {@code LINENO} is its index here plus one, so that the element the
 * kernel refused can be found again by {@link #at}. Not thread-safe.
 */
public final class Elements {
  private final Iterable<IpPrefix> source;
  private final Iterator<IpPrefix> iterator;
  private IpPrefix next;
  private int index;

  public Elements(Iterable<IpPrefix> source) {
    this.source = source;
    this.iterator = source.iterator();
    this.next = iterator.hasNext() ? iterator.next() : null;
  }

  /** Whether an element is left. */
  public boolean hasNext() {
    return next != null;
  }

  /** How many elements were taken: the index of the next one. */
  public int taken() {
    return index;
  }

  /** The next element, without taking it; null if none is left. */
  IpPrefix peek() {
    return next;
  }

  /** Takes the element {@link #peek()} returned. */
  void advance() {
    next = iterator.hasNext() ? iterator.next() : null;
    index++;
  }

  /**
   * The element at {@code index}, read again from the source: for naming the element a kernel
   * error's line number points at. Empty if the source has no such element.
   */
  public Optional<IpPrefix> at(int index) {
    if (index < 0) {
      return Optional.empty();
    }
    if (source instanceof List<IpPrefix> list) {
      return index < list.size() ? Optional.of(list.get(index)) : Optional.empty();
    }
    int i = 0;
    for (IpPrefix p : source) {
      if (i++ == index) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
