package io.github.apiban4j.internal.state;

import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.state.StoredState.FullSyncProgress;
import java.time.Instant;

/** States used across the state file tests; documentation addresses only. */
final class StateSamples {
  static final String FEED = "v2 sip https://apiban.org/api/";

  private StateSamples() {}

  /** Every field set: IPv4 and IPv6, single addresses and prefixes. */
  static StoredState full() {
    LastSeen seen = LastSeen.builder()
        .put(IpPrefix.parse("2001:db8::1"), 1_764_000_300L)
        .put(IpPrefix.parse("192.0.2.1"), 1_764_000_000L)
        .put(IpPrefix.parse("2001:db8::/48"), 1_764_000_200L)
        .put(IpPrefix.parse("198.51.100.0/24"), 1_764_000_100L)
        .build();
    return new StoredState(FEED, "1698425647", Instant.parse("2026-11-24T10:00:00Z"),
        Instant.parse("2026-11-24T10:05:00Z"), null,
        new FullSyncProgress("1698400000", Instant.parse("2026-11-24T09:00:00Z")), seen);
  }

  /** {@link #full()} as the file holds it, byte for byte. */
  static final String FULL_JSON = """
      {
        "format": "apiban4j-state",
        "version": 1,
        "feed": "v2 sip https://apiban.org/api/",
        "cursor": "1698425647",
        "lastFullSync": "2026-11-24T10:00:00Z",
        "lastSuccess": "2026-11-24T10:05:00Z",
        "notBefore": null,
        "fullSync": {
          "cursor": "1698400000",
          "startedAt": "2026-11-24T09:00:00Z"
        },
        "seen": {
          "192.0.2.1": 1764000000,
          "198.51.100.0/24": 1764000100,
          "2001:db8::/48": 1764000200,
          "2001:db8::1": 1764000300
        }
      }
      """;

  /** A small state with one entry. */
  static StoredState small() {
    return new StoredState(FEED, "1698425647", null, Instant.parse("2026-11-24T10:00:00Z"), null,
        null, LastSeen.builder().put(IpPrefix.parse("203.0.113.9"), 1_764_000_000L).build());
  }

  /** A state with {@code n} IPv6 entries in 2001:db8::/32 (about 35 bytes each on disk). */
  static StoredState manyIpv6(int n) {
    LastSeen.Builder b = LastSeen.builder();
    for (int i = 0; i < n; i++) {
      b.put(IpPrefix.ipv6(0x2001_0db8_0000_0000L, i + 1, 128), 1_764_000_000L + i);
    }
    return new StoredState(FEED, "1698425647", null, null, null, null, b.build());
  }
}
