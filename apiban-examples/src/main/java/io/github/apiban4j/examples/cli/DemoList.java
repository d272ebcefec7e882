package io.github.apiban4j.examples.cli;

import io.github.apiban4j.address.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's synthetic feed: attackers only from the documentation ranges (198.51.100.0/24,
 * 203.0.113.0/24, 2001:db8::/32), never a real host, plus entries that the allowlist must refuse,
 * as a careless or poisoned feed could carry them.
 */
final class DemoList {
  /** The allow range the demo configures, standing for an operator's SIP trunk. */
  static final IpPrefix TRUNK = IpPrefix.parse("198.51.100.64/30");

  /** Entries every sync must refuse, with the reason it reports. */
  static final List<String> MUST_REFUSE = List.of(
      "127.0.0.1", "127.0.0.53", "::1", // loopback
      "0.0.0.0", // unspecified
      "169.254.10.10", "fe80::1", // link-local
      "224.0.0.5", "ff02::1", // multicast
      "255.255.255.255", // broadcast
      "10.0.0.8", "172.16.5.4", "192.168.1.20", // private
      "198.51.0.0/16", // prefix too short
      "not-an-address", "198.51.100.300", "$(reboot)"); // malformed

  /** An address no demo list ever holds. */
  static final String CLEAN = "2001:db8:beef::1";
  /** An attacker the first list holds. */
  static final String ATTACKER = "198.51.100.7";
  /** An attacker inside the trunk's range: listed, but refused. */
  static final String TRUNK_ADDRESS = "198.51.100.65";

  private DemoList() {}

  /**
   * {@code attackers} entries: every usable address of 198.51.100.0/24 and 203.0.113.0/24, then
   * IPv6 addresses in 2001:db8:1::/48, then one IPv6 prefix; the refused entries are mixed in.
   */
  static List<String> first(int attackers) {
    List<String> out = new ArrayList<>();
    for (String net : List.of("198.51.100.", "203.0.113.")) {
      for (int host = 1; host <= 254 && out.size() < attackers - 1; host++) {
        out.add(net + host);
      }
    }
    for (int i = 1; out.size() < attackers - 1; i++) {
      out.add(ipv6(i));
    }
    out.add("2001:db8:ff00::/48");
    int step = Math.max(1, out.size() / (MUST_REFUSE.size() + 1));
    for (int i = 0; i < MUST_REFUSE.size(); i++) {
      out.add((i + 1) * step + i, MUST_REFUSE.get(i));
    }
    return out;
  }

  /** {@code count} attackers that {@link #first} does not hold. */
  static List<String> later(int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(IpPrefix.ipv6(0x2001_0db8_0002_0000L, i + 1, 128).toString());
    }
    return out;
  }

  private static String ipv6(int i) {
    return IpPrefix.ipv6(0x2001_0db8_0001_0000L, i, 128).toString();
  }
}
