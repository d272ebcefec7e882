package io.github.apiban4j.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend can tell about its own rules, for status pages, diagnostics and metrics: whether
 * the rule that drops banned traffic is in place, and how much it has dropped. Reading it changes
 * nothing. Every part is optional: a backend reports what it knows.
 *
 * @param hook whether the dropping rule is in place
 * @param hookDetail where the rule sits, or why its state is unknown, in an operator's words
 * @param drops what the rule has dropped since it was created, if the backend counts it
 * @param warnings conditions an operator should know about, such as a rule ahead of the hook that
 *     accepts traffic before it is checked; one sentence each
 */
public record BackendStatus(Hook hook, String hookDetail, Optional<DropCounters> drops,
    List<String> warnings) {

  private static final BackendStatus UNKNOWN = new BackendStatus(Hook.UNKNOWN,
      "this backend does not report its hook", Optional.empty(), List.of());

  public BackendStatus {
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(hookDetail, "hookDetail");
    Objects.requireNonNull(drops, "drops");
    warnings = List.copyOf(warnings);
  }

  /** A status that knows nothing: what {@link FirewallBackend#status()} returns by default. */
  public static BackendStatus unknown() {
    return UNKNOWN;
  }

  /** Whether the rule that drops banned traffic is in place. */
  public enum Hook {
    /** The rule is in place. */
    PRESENT,
    /** The rule, or a set it uses, is missing: nothing is dropped until it is put back. */
    MISSING,
    /** The backend has no kernel rule: it enforces inside the process (the memory backend). */
    NONE,
    /** The backend cannot tell, or does not say. */
    UNKNOWN
  }

  /**
   * Packets and bytes dropped per address family, as counted by the kernel.
   *
   * @param ipv4Packets IPv4 packets dropped
   * @param ipv4Bytes IPv4 bytes dropped
   * @param ipv6Packets IPv6 packets dropped
   * @param ipv6Bytes IPv6 bytes dropped
   */
  public record DropCounters(long ipv4Packets, long ipv4Bytes, long ipv6Packets, long ipv6Bytes) {}
}
