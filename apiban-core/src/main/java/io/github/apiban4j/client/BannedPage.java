package io.github.apiban4j.client;

import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.http.Cursors;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the APIBAN banned list: up to 250 addresses, oldest first, and the cursor of the next
 * page. Immutable.
 *
 * <p>The feed is at-least-once: an address may appear on two pages, and an address that returns
 * after it expired appears again later. Callers de-duplicate.
 *
 * @param entries the valid addresses of the page, in feed order
 * @param rejected the entries that were not address literals and were skipped
 * @param nextCursor the cursor to pass to {@link ApibanClient#banned} for the next page, or empty
 *     at the end of the feed
 */
public record BannedPage(
    List<IpPrefix> entries, List<RejectedEntry> rejected, Optional<String> nextCursor) {

  /**
   * @throws IllegalArgumentException if {@code nextCursor} is present but not 1 to 20 digits
   */
  public BannedPage {
    entries = List.copyOf(entries);
    rejected = List.copyOf(rejected);
    Objects.requireNonNull(nextCursor, "nextCursor");
    if (nextCursor.isPresent() && !Cursors.isCursor(nextCursor.get())) {
      throw new IllegalArgumentException("nextCursor is not 1 to 20 decimal digits");
    }
  }

  /** Whether this is the last page: there is nothing newer to fetch for now. */
  public boolean isEnd() {
    return nextCursor.isEmpty();
  }
}
