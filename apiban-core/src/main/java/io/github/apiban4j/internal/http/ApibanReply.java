package io.github.apiban4j.internal.http;

import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.RejectedEntry;
import java.util.List;
import java.util.Set;

/**
 * One APIBAN reply body, {@code {"ipaddress": ..., "ID": ...}}, validated entry by entry. Every
 * reply (a page, the end of the feed, a check, most errors) has this shape; what it means depends
 * on the HTTP status, which the client reads first.
 *
 * @param entries the valid address literals, in feed order
 * @param rejected the entries that are neither an address nor a known message, quoted for logs
 * @param messages the known sentinel texts found in {@code ipaddress} ({@code "no new bans"},
 *     {@code "not blocked"}, ...), lower case
 * @param id the {@code ID} as sent, or {@code null} if absent or JSON {@code null}
 */
public record ApibanReply(
    List<IpPrefix> entries, List<RejectedEntry> rejected, Set<String> messages, String id) {

  public static final String NO_NEW_BANS = "no new bans";
  public static final String NOT_BLOCKED = "not blocked";

  /** The texts APIBAN puts in {@code ipaddress} instead of addresses. */
  static final Set<String> KNOWN_MESSAGES =
      Set.of(NO_NEW_BANS, NOT_BLOCKED, "none", "rate limit exceeded", "unauthorized");

  public ApibanReply {
    entries = List.copyOf(entries);
    rejected = List.copyOf(rejected);
    messages = Set.copyOf(messages);
  }

  public boolean hasMessage(String message) {
    return messages.contains(message);
  }
}
