package io.github.apiban4j.nftables.internal;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits one family's prefixes into layers that an nftables interval set can each hold.
 *
 * <p>An interval set without {@code auto-merge} refuses an element that overlaps another ("interval
 * overlaps with an existing one"), and with {@code auto-merge} it merges them, so that reading the
 * set back no longer gives what was put in. Two prefixes overlap only when one contains the other,
 * so putting each prefix in the layer of its nesting depth (0 for outermost, 1 for a prefix inside
 * one other, …) leaves no overlap within a layer and keeps every prefix exact. A blocklist rarely
 * nests at all: almost always there is a single layer.
 */
final class PrefixLayers {
  private PrefixLayers() {}

  /**
   * The layers of {@code prefixes} (one family, no single addresses), outermost first; empty when
   * there are none.
   */
  static List<List<IpPrefix>> of(AddressSet prefixes) {
    List<List<IpPrefix>> layers = new ArrayList<>();
    // In IpPrefix order a prefix comes after every prefix that contains it (same or lower network
    // address, shorter length), so the enclosing prefixes form a stack.
    Deque<IpPrefix> enclosing = new ArrayDeque<>();
    for (IpPrefix p : prefixes) {
      while (!enclosing.isEmpty() && !enclosing.peek().contains(p)) {
        enclosing.pop();
      }
      int depth = enclosing.size();
      if (depth == layers.size()) {
        layers.add(new ArrayList<>());
      }
      layers.get(depth).add(p);
      enclosing.push(p);
    }
    return layers;
  }
}
