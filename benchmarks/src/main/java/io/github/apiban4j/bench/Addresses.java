package io.github.apiban4j.bench;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.util.SplittableRandom;

/**
 * The harness's data: distinct random single addresses, the same for a given seed on any host.
 * They are public unicast addresses outside the documentation ranges (one of which may be the
 * host's own), which the sync's built-in allowlist permits (the CLI would refuse the rest); they
 * only ever exist inside the harness's own network namespaces.
 */
final class Addresses {
  private static final Allowlist PERMITTED = Allowlist.builder().hostInterfaces(false)
      .allow(IpPrefix.parse("192.0.2.0/24")).allow(IpPrefix.parse("198.51.100.0/24"))
      .allow(IpPrefix.parse("203.0.113.0/24")).allow(IpPrefix.parse("2001:db8::/32")).build();

  private Addresses() {}

  /** {@code count} distinct IPv4 addresses from 1.0.0.0 to 223.255.255.255. */
  static AddressSet ipv4(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    AddressSet.Builder b = AddressSet.builder();
    AddressSet set = AddressSet.empty();
    while (set.size() < count) {
      for (int i = set.size(); i < count; i++) {
        IpPrefix p = IpPrefix.ipv4((int) random.nextLong(0x0100_0000L, 0xE000_0000L), 32);
        if (PERMITTED.permits(p)) {
          b.add(p);
        }
      }
      set = set.union(b.build()); // duplicates collapse; draw again for what they cost
      b = AddressSet.builder();
    }
    return set;
  }

  /** {@code count} distinct IPv6 addresses in 2000::/3, the global unicast range. */
  static AddressSet ipv6(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    AddressSet.Builder b = AddressSet.builder();
    while (b.size() < count) {
      long high = 0x2000_0000_0000_0000L | (random.nextLong() >>> 3);
      IpPrefix p = IpPrefix.ipv6(high, random.nextLong(), 128);
      if (PERMITTED.permits(p)) {
        b.add(p); // a collision among 2^125 values is not worth a check
      }
    }
    return b.build();
  }
}
