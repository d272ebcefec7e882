package io.github.apiban4j;

/**
 * Why an entry from the feed was not applied. Every refusal is counted in {@link SyncResult#refused()}
 * under its {@link #key()}.
 */
public enum RefusalReason {
  /** Not an IP address or prefix literal (a host name, shell text, an out-of-range octet, …). */
  MALFORMED("malformed"),
  /** In 127.0.0.0/8 or ::1. */
  LOOPBACK("loopback"),
  /** In 0.0.0.0/8 or ::. */
  UNSPECIFIED("unspecified"),
  /** In 169.254.0.0/16 or fe80::/10. */
  LINK_LOCAL("link-local"),
  /** In 224.0.0.0/4 or ff00::/8. */
  MULTICAST("multicast"),
  /** 255.255.255.255 or the broadcast address of one of this host's networks. */
  BROADCAST("broadcast"),
  /** In a private range (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7): never a remote attacker. */
  PRIVATE("private"),
  /** An address of one of this host's own interfaces. */
  LOCAL_INTERFACE("local-interface"),
  /** Inside, or overlapping, a configured allow CIDR. */
  ALLOWLISTED("allowlist"),
  /** A prefix shorter than the configured minimum (by default /24 for IPv4, /48 for IPv6). */
  PREFIX_TOO_SHORT("prefix-too-short"),
  /** Inside, or overlapping, an entry the operator unbanned locally ({@code apiban unban}). */
  UNBANNED("unbanned");

  private final String key;

  RefusalReason(String key) {
    this.key = key;
  }

  /** The stable name used in JSON output and logs. */
  public String key() {
    return key;
  }
}
