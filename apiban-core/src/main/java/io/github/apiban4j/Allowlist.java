package io.github.apiban4j;

import io.github.apiban4j.address.IpPrefix;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What must never be blocked, whatever the feed says. It always wins: an entry that is, contains or
 * lies inside an allowed range is refused, counted and reported, never applied.
 *
 * <p>{@link #defaults()} allows loopback, unspecified, link-local, multicast, broadcast and private
 * ranges, and the addresses of this host's own interfaces (read once, when the allowlist is built).
 * Add the ranges the host cannot afford to lose: SIP trunks, carriers, management networks.
 *
 * <pre>{@code
 * Allowlist allow = Allowlist.builder()
 *     .allow(IpPrefix.parse("198.51.100.0/24"))   // the carrier's SIP trunk
 *     .build();
 * }</pre>
 *
 * <p>A prefix from the feed is also refused when it is shorter than the minimum length (by default
 * /24 for IPv4 and /48 for IPv6): one poisoned entry must not drop a continent. Instances are
 * immutable and thread-safe.
 */
public final class Allowlist {
  private static final List<Rule> BUILT_IN = List.of(
      rule("0.0.0.0/8", RefusalReason.UNSPECIFIED),
      rule("127.0.0.0/8", RefusalReason.LOOPBACK),
      rule("169.254.0.0/16", RefusalReason.LINK_LOCAL),
      rule("224.0.0.0/4", RefusalReason.MULTICAST),
      rule("255.255.255.255", RefusalReason.BROADCAST),
      rule("10.0.0.0/8", RefusalReason.PRIVATE),
      rule("100.64.0.0/10", RefusalReason.PRIVATE),
      rule("172.16.0.0/12", RefusalReason.PRIVATE),
      rule("192.168.0.0/16", RefusalReason.PRIVATE),
      rule("::/128", RefusalReason.UNSPECIFIED),
      rule("::1/128", RefusalReason.LOOPBACK),
      rule("fe80::/10", RefusalReason.LINK_LOCAL),
      rule("ff00::/8", RefusalReason.MULTICAST),
      rule("fc00::/7", RefusalReason.PRIVATE));

  private final List<Rule> rules;
  private final int minimumIpv4PrefixLength;
  private final int minimumIpv6PrefixLength;

  private Allowlist(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.minimumIpv4PrefixLength = b.minimumIpv4PrefixLength;
    this.minimumIpv6PrefixLength = b.minimumIpv6PrefixLength;
  }

  /** The built-in ranges and this host's interface addresses, and nothing else. */
  public static Allowlist defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * One allowed range and the reason reported for entries it refuses.
   *
   * @param range the allowed range
   * @param reason the reason counted when a feed entry overlaps it
   */
  public record Rule(IpPrefix range, RefusalReason reason) {
    public Rule {
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why {@code entry} must not be blocked, or empty if it may be. */
  public Optional<RefusalReason> refusal(IpPrefix entry) {
    if (!entry.isSingleAddress()
        && entry.length() < (entry.isIpv4() ? minimumIpv4PrefixLength : minimumIpv6PrefixLength)) {
      return Optional.of(RefusalReason.PREFIX_TOO_SHORT);
    }
    for (Rule r : rules) {
      if (r.range().overlaps(entry)) {
        return Optional.of(r.reason());
      }
    }
    return Optional.empty();
  }

  /** Whether {@code entry} may be blocked. */
  public boolean permits(IpPrefix entry) {
    return refusal(entry).isEmpty();
  }

  /** Every rule, built-in ones first, then interface addresses, then configured ranges. */
  public List<Rule> rules() {
    return rules;
  }

  public int minimumIpv4PrefixLength() {
    return minimumIpv4PrefixLength;
  }

  public int minimumIpv6PrefixLength() {
    return minimumIpv6PrefixLength;
  }

  @Override
  public String toString() {
    return "Allowlist[" + rules.size() + " rules, minimum prefix /" + minimumIpv4PrefixLength + " /"
        + minimumIpv6PrefixLength + "]";
  }

  private static Rule rule(String range, RefusalReason reason) {
    return new Rule(IpPrefix.parse(range), reason);
  }

  /** Builds an {@link Allowlist}; the built-in ranges and interface addresses are on by default. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private final List<Rule> configured = new ArrayList<>();
    private boolean builtIn = true;
    private boolean hostInterfaces = true;
    private int minimumIpv4PrefixLength = 24;
    private int minimumIpv6PrefixLength = 48;

    private Builder() {}

    /** Allows {@code range}: entries overlapping it are refused as {@code allowlist}. */
    public Builder allow(IpPrefix range) {
      configured.add(new Rule(range, RefusalReason.ALLOWLISTED));
      return this;
    }

    /** Allows each of {@code ranges}. */
    public Builder allowAll(Iterable<IpPrefix> ranges) {
      for (IpPrefix r : ranges) {
        allow(r);
      }
      return this;
    }

    /**
     * Whether to include the built-in ranges (loopback, unspecified, link-local, multicast,
     * broadcast, private). On by default; turning it off is for tests and isolated labs.
     */
    public Builder builtInRanges(boolean include) {
      this.builtIn = include;
      return this;
    }

    /** Whether to allow this host's interface addresses and broadcast addresses. On by default. */
    public Builder hostInterfaces(boolean include) {
      this.hostInterfaces = include;
      return this;
    }

    /**
     * The shortest prefix from the feed that is applied, per family.
     *
     * @throws IllegalArgumentException if a length is outside 0..32 or 0..128
     */
    public Builder minimumPrefixLength(int ipv4, int ipv6) {
      if (ipv4 < 0 || ipv4 > 32 || ipv6 < 0 || ipv6 > 128) {
        throw new IllegalArgumentException("minimum prefix lengths must be within 0..32 and 0..128");
      }
      this.minimumIpv4PrefixLength = ipv4;
      this.minimumIpv6PrefixLength = ipv6;
      return this;
    }

    public Allowlist build() {
      rules.clear();
      if (builtIn) {
        rules.addAll(BUILT_IN);
      }
      if (hostInterfaces) {
        rules.addAll(interfaceRules());
      }
      rules.addAll(configured);
      return new Allowlist(this);
    }
  }

  /** This host's interface and broadcast addresses. */
  static List<Rule> interfaceRules() {
    List<Rule> found = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InterfaceAddress a : nic.getInterfaceAddresses()) {
          found.add(new Rule(IpPrefix.of(a.getAddress()), RefusalReason.LOCAL_INTERFACE));
          if (a.getBroadcast() != null) {
            found.add(new Rule(IpPrefix.of(a.getBroadcast()), RefusalReason.BROADCAST));
          }
        }
      }
    } catch (SocketException e) {
      // Without the list the built-in and configured ranges still apply; say so once.
      System.getLogger("io.github.apiban4j").log(System.Logger.Level.WARNING,
          "cannot list this host's interfaces, so their addresses are not allowlisted: {0}", e);
    }
    return found;
  }
}
