package io.github.apiban4j.internal.state;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.util.Objects;

/**
 * The operator's local decisions, kept in the state and honoured by every run: entries never to
 * ban whatever the feed says (a false positive), and entries always to ban whatever the feed says.
 * An entry is in at most one of the two; an unban wins over the feed, the allowlist wins over a pin.
 *
 * @param unbanned never applied: a feed entry that overlaps one of these is refused
 * @param pinned always applied (unless the allowlist refuses it), never expired
 */
public record Overrides(AddressSet unbanned, AddressSet pinned) {
  private static final Overrides NONE = new Overrides(AddressSet.empty(), AddressSet.empty());

  public Overrides {
    Objects.requireNonNull(unbanned, "unbanned");
    Objects.requireNonNull(pinned, "pinned");
  }

  /** No overrides. */
  public static Overrides none() {
    return NONE;
  }

  public boolean isEmpty() {
    return unbanned.isEmpty() && pinned.isEmpty();
  }

  /** Whether {@code entry} overlaps an unbanned entry (so it must not be applied). */
  public boolean isUnbanned(IpPrefix entry) {
    for (IpPrefix u : unbanned) {
      if (u.overlaps(entry)) {
        return true;
      }
    }
    return false;
  }

  /** These overrides with {@code entry} unbanned (and no longer pinned). */
  public Overrides unban(IpPrefix entry) {
    return new Overrides(unbanned.union(AddressSet.of(entry)), pinned.minus(AddressSet.of(entry)));
  }

  /** These overrides with {@code entry} pinned (and no longer unbanned). */
  public Overrides pin(IpPrefix entry) {
    return new Overrides(unbanned.minus(AddressSet.of(entry)), pinned.union(AddressSet.of(entry)));
  }

  /** These overrides without any decision on {@code entry}. */
  public Overrides forget(IpPrefix entry) {
    AddressSet one = AddressSet.of(entry);
    return new Overrides(unbanned.minus(one), pinned.minus(one));
  }
}
