package io.github.apiban4j.testkit;

import io.github.apiban4j.address.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/**
 * Addresses for tests, only from the documentation ranges: 192.0.2.0/24, 198.51.100.0/24 and
 * 203.0.113.0/24 (768 IPv4 addresses in all) and 2001:db8::/32 (as many as needed).
 */
public final class TestAddresses {
  private static final String[] IPV4_NETS = {"192.0.2.", "198.51.100.", "203.0.113."};

  private TestAddresses() {}

  /** The {@code i}-th IPv4 documentation address, {@code 0 <= i < 768}. */
  public static String ipv4(int i) {
    if (i < 0 || i >= 768) {
      throw new IllegalArgumentException("only 768 IPv4 documentation addresses exist");
    }
    return IPV4_NETS[i / 256] + (i % 256);
  }

  /** The {@code i}-th address in 2001:db8::/32. */
  public static String ipv6(long i) {
    return IpPrefix.ipv6(0x2001_0db8_0000_0000L | (i >>> 48 & 0xFFFF), i << 16 | 1, 128)
        .toString();
  }

  /** {@code count} distinct addresses: the IPv4 ones first, then IPv6. */
  public static List<String> many(int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(i < 768 ? ipv4(i) : ipv6(i));
    }
    return out;
  }

  /** {@code count} distinct IPv6 addresses in 2001:db8::/32 starting at {@code start}. */
  public static List<String> manyIpv6(long start, int count) {
    List<String> out = new ArrayList<>(count);
    for (long i = start; i < start + count; i++) {
      out.add(ipv6(i));
    }
    return out;
  }
}
