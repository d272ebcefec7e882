package io.github.apiban4j.testkit;

import io.github.apiban4j.address.IpPrefix;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

  /**
   * {@code count} distinct addresses: the IPv4 ones first, then IPv6. Addresses of this host's own
   * interfaces and their broadcast addresses are skipped (test machines may well sit in a
   * documentation range), so every one of them passes the default allowlist.
   */
  public static List<String> many(int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; out.size() < count; i++) {
      String candidate = i < 768 ? ipv4(i) : ipv6(i);
      if (!HOST_ADDRESSES.contains(candidate)) {
        out.add(candidate);
      }
    }
    return out;
  }

  private static final Set<String> HOST_ADDRESSES = hostAddresses();

  private static Set<String> hostAddresses() {
    Set<String> found = new HashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InterfaceAddress a : nic.getInterfaceAddresses()) {
          found.add(IpPrefix.of(a.getAddress()).toString());
          if (a.getBroadcast() != null) {
            found.add(IpPrefix.of(a.getBroadcast()).toString());
          }
        }
      }
    } catch (SocketException e) {
      throw new IllegalStateException("cannot list this host's interfaces", e);
    }
    return found;
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
