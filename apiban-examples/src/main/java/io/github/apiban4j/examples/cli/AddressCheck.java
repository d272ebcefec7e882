package io.github.apiban4j.examples.cli;

import io.github.apiban4j.RefusalReason;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.state.LastSeen;
import io.github.apiban4j.internal.state.StoredState;
import io.github.apiban4j.internal.sync.Enforcement;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether one address or prefix is banned here, and why: from the local state (decided as a sync
 * decides) and from what the backend enforces.
 *
 * @param target what was asked about
 * @param wanted whether the local state wants it banned (seen within the TTL, or pinned)
 * @param enforced whether the backend enforces it now; empty when the backend holds nothing
 *     outside a running process (the memory backend, asked from another process)
 * @param matchedBy the state's entry that covers it, if any
 * @param lastSeen when that entry was last reported by APIBAN, if it was
 * @param expires when that entry expires unless reported again, if it was reported
 * @param pinned whether the operator pinned it
 * @param refusal why a sync would never apply it (allowlisted, unbanned), if it would not
 */
record AddressCheck(IpPrefix target, boolean wanted, Optional<Boolean> enforced,
    Optional<IpPrefix> matchedBy, Optional<Instant> lastSeen, Optional<Instant> expires,
    boolean pinned, Optional<RefusalReason> refusal) {

  /** Banned here: enforced by the backend, or wanted by the state when the backend cannot say. */
  boolean banned() {
    return enforced.orElse(wanted);
  }

  static AddressCheck of(IpPrefix target, StoredState state, Enforcement enforcement, Instant now,
      Optional<AddressSet> enforcedSet) {
    Optional<Boolean> enforced = enforcedSet.map(set -> set.matches(target));
    if (state == null) {
      return new AddressCheck(target, false, enforced, Optional.empty(), Optional.empty(),
          Optional.empty(), false, Optional.empty());
    }
    AddressSet desired = enforcement.desired(state, now);
    Optional<IpPrefix> pin = state.overrides().pinned().stream()
        .filter(p -> p.contains(target)).findFirst();
    LastSeen seen = state.seen();
    Optional<IpPrefix> matched = Optional.empty();
    Optional<Instant> lastSeen = Optional.empty();
    Optional<Instant> expires = Optional.empty();
    for (int i = 0; i < seen.size(); i++) {
      if (seen.entry(i).contains(target)) {
        matched = Optional.of(seen.entry(i));
        lastSeen = Optional.of(Instant.ofEpochSecond(seen.seenAt(i)));
        expires = Optional.of(enforcement.expiresAt(seen.entry(i), seen.seenAt(i)));
        break;
      }
    }
    return new AddressCheck(target, desired.matches(target), enforced,
        pin.isPresent() ? pin : matched, lastSeen, expires, pin.isPresent(),
        enforcement.refusal(state, target));
  }

  /** One line for a terminal, e.g. {@code 192.0.2.7: banned (reported 2026-…, expires …)}. */
  String describe() {
    StringBuilder sb = new StringBuilder(target.toString()).append(": ");
    sb.append(banned() ? "banned here" : "not banned here");
    if (pinned) {
      sb.append(", pinned by the operator");
      matchedBy.filter(m -> !m.equals(target)).ifPresent(m -> sb.append(" as ").append(m));
    } else if (lastSeen.isPresent()) {
      sb.append(wanted ? ", " : ", was ").append("reported by APIBAN")
          .append(matchedBy.filter(m -> !m.equals(target)).map(m -> " as " + m).orElse(""))
          .append(" at ").append(lastSeen.get());
      if (wanted) {
        sb.append(", expires ").append(expires.orElseThrow()).append(" unless reported again");
      }
    }
    refusal.ifPresent(r -> sb.append(", never blocked: ").append(r.key()));
    if (enforced.isPresent() && enforced.get() != wanted) {
      sb.append(enforced.get() ? " (the backend enforces it; the next sync removes it)"
          : " (the backend lacks it; the next sync or 'apiban restore' puts it back)");
    }
    return sb.toString();
  }
}
