package io.github.apiban4j;

import java.util.Objects;

/**
 * What {@link BlocklistSync#unban}, {@link BlocklistSync#pin} or {@link BlocklistSync#withdraw}
 * did.
 *
 * @param changed whether the stored decision changed ({@code false}: it already was so)
 * @param enforcement the local run that brought the backend in line with it
 */
public record OverrideResult(boolean changed, SyncResult enforcement) {
  public OverrideResult {
    Objects.requireNonNull(enforcement, "enforcement");
  }
}
