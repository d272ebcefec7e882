package io.github.apiban4j.internal.sync;

import io.github.apiban4j.address.IpPrefix;
import java.time.Duration;

/**
 * When an entry stops being enforced: a TTL after it was last seen, plus an offset fixed per entry
 * within the spread window. Entries received in the same run (the whole list, after a full resync)
 * therefore expire over hours rather than all in one second, and the offset is the same on every run
 * and every machine, so an entry never flaps.
 */
final class Expiry {
  private final long ttlSeconds;
  private final long spreadSeconds;

  Expiry(Duration ttl, Duration spread) {
    this.ttlSeconds = ttl.toSeconds();
    this.spreadSeconds = spread.toSeconds();
  }

  long ttlSeconds() {
    return ttlSeconds;
  }

  /** The Unix second from which {@code entry}, last seen at {@code seenAt}, has expired. */
  long deadline(IpPrefix entry, long seenAt) {
    return seenAt + ttlSeconds + offset(entry);
  }

  /** Whether {@code entry}, last seen at {@code seenAt}, has expired at {@code now} (Unix seconds). */
  boolean isExpired(IpPrefix entry, long seenAt, long now) {
    return now >= deadline(entry, seenAt);
  }

  long offset(IpPrefix entry) {
    if (spreadSeconds <= 0) {
      return 0;
    }
    long h = entry.isIpv4()
        ? entry.ipv4Bits()
        : entry.ipv6High() * 0x9E3779B97F4A7C15L ^ entry.ipv6Low();
    h = mix(h ^ ((long) entry.length() << 56));
    return Math.floorMod(h, spreadSeconds);
  }

  /** SplitMix64's finalizer: a fixed, well-spread hash of the entry's bits. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
