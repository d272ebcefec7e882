package io.github.apiban4j.internal.sync;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.RefusalReason;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.state.Overrides;
import io.github.apiban4j.internal.state.StoredState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a state asks to enforce, decided as a run decides it: the entries seen within their TTL and
 * the pinned ones, less what the allowlist refuses and what the operator unbanned. Tools that show
 * the state ({@code status}, {@code check}, {@code list}) use it so they agree with the sync.
 */
public final class Enforcement {
  private static final Duration MAX_SPREAD = Duration.ofHours(12);

  private final Expiry expiry;
  private final Allowlist allowlist;

  public Enforcement(Duration ttl, Duration spread, Allowlist allowlist) {
    this.expiry = new Expiry(ttl, spread);
    this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
  }

  /** The expiry spread used when none is configured: 12 hours, or a fourteenth of a shorter TTL. */
  public static Duration defaultSpread(Duration ttl) {
    Duration fraction = ttl.dividedBy(14);
    return fraction.compareTo(MAX_SPREAD) < 0 ? fraction : MAX_SPREAD;
  }

  /** Why {@code entry} must not be applied: the allowlist first, then a local unban. */
  public static Optional<RefusalReason> refusal(Allowlist allowlist, Overrides overrides,
      IpPrefix entry) {
    Optional<RefusalReason> refused = allowlist.refusal(entry);
    if (refused.isEmpty() && overrides.isUnbanned(entry)) {
      return Optional.of(RefusalReason.UNBANNED);
    }
    return refused;
  }

  /**
   * The pinned entries that may be applied: a pin never beats the allowlist, nor an unban inside
   * it (an unbanned address is a false positive, whatever covers it).
   */
  public static AddressSet pinned(Allowlist allowlist, Overrides overrides) {
    return overrides.pinned().filter(p -> refusal(allowlist, overrides, p).isEmpty());
  }

  /** Why {@code entry} must not be applied under {@code state}'s overrides, if it must not. */
  public Optional<RefusalReason> refusal(StoredState state, IpPrefix entry) {
    return refusal(allowlist, state.overrides(), entry);
  }

  /** The entries a run at {@code now} would want enforced (before its per-run expiry budget). */
  public AddressSet desired(StoredState state, Instant now) {
    long second = now.getEpochSecond();
    AddressSet active = state.seen().select((e, t) -> !expiry.isExpired(e, t, second)
        && refusal(state, e).isEmpty());
    return active.union(pinned(allowlist, state.overrides()));
  }

  /** When {@code entry}, last seen at Unix second {@code seenAt}, expires. */
  public Instant expiresAt(IpPrefix entry, long seenAt) {
    return Instant.ofEpochSecond(expiry.deadline(entry, seenAt));
  }
}
