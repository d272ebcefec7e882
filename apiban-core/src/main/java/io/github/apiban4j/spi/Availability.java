package io.github.apiban4j.spi;

import java.util.Objects;

/**
 * Whether a backend can run on this machine, with the reason in words an operator can act on.
 *
 * @param available whether {@link FirewallBackendProvider#create} can be expected to work
 * @param reason what was found: a version when available, otherwise what is missing and how to fix it
 */
public record Availability(boolean available, String reason) {

  public Availability {
    Objects.requireNonNull(reason, "reason");
  }

  public static Availability available(String detail) {
    return new Availability(true, detail);
  }

  public static Availability unavailable(String reason) {
    return new Availability(false, reason);
  }

  @Override
  public String toString() {
    return (available ? "available: " : "unavailable: ") + reason;
  }
}
