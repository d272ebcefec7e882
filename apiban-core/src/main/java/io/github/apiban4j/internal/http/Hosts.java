package io.github.apiban4j.internal.http;

import io.github.apiban4j.address.IpPrefix;
import java.util.Locale;

/** Host name rules that must never trigger a DNS lookup. */
public final class Hosts {
  private static final IpPrefix LOOPBACK_V4 = IpPrefix.parse("127.0.0.0/8");
  private static final IpPrefix LOOPBACK_V6 = IpPrefix.parse("::1");

  private Hosts() {}

  /**
   * Whether {@code host} names the loopback interface: {@code localhost}, an address in
   * {@code 127.0.0.0/8}, or {@code ::1} (with or without brackets). Names are never resolved, so
   * {@code foo.localhost} or a name that some resolver maps to 127.0.0.1 does not count.
   */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.equals("localhost.")) {
      return true;
    }
    IpPrefix literal = IpPrefix.tryParse(h);
    return literal != null && literal.isSingleAddress()
        && (LOOPBACK_V4.contains(literal) || LOOPBACK_V6.equals(literal));
  }
}
