package io.github.apiban4j.client;

import java.util.Objects;

/**
 * An {@code ipaddress} entry of a reply that is not an IP address literal, and was therefore
 * skipped. Both fields are safe to log as they are.
 *
 * @param text the entry, already quoted and escaped with
 *     {@link io.github.apiban4j.address.AddressFormatException#quote}: printable ASCII, at most 64
 *     characters of the original
 * @param reason why it is not an address, e.g. {@code not a valid IPv4 or IPv6 literal}
 */
public record RejectedEntry(String text, String reason) {
  public RejectedEntry {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(reason, "reason");
  }
}
