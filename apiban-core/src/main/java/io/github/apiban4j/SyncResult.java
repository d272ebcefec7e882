package io.github.apiban4j;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run did. Counts are of entries (addresses or prefixes).
 *
 * @param backend the backend's name
 * @param mode where the feed was read from
 * @param dryRun whether the run changed nothing
 * @param complete whether the run reached the end of the feed; false when it stopped early
 * @param stopReason why it stopped early, if it did
 * @param stopDetail the message of what stopped it, if it did
 * @param pages pages received
 * @param fetched entries received, valid or not
 * @param added entries inserted into the backend (including {@code repaired})
 * @param removed entries deleted from the backend (including {@code expired})
 * @param expired entries deleted because they were not seen for longer than the TTL
 * @param repaired entries put back because the backend had lost them (a reboot, a flush)
 * @param refused entries refused, by reason ({@link RefusalReason#key()}); only non-zero counts
 * @param cursorBefore the cursor the run started from
 * @param cursorAfter the cursor stored for the next run
 * @param liveSize entries enforced when the run ended
 * @param duration how long the run took
 */
public record SyncResult(
    String backend,
    SyncMode mode,
    boolean dryRun,
    boolean complete,
    Optional<StopReason> stopReason,
    Optional<String> stopDetail,
    int pages,
    long fetched,
    int added,
    int removed,
    int expired,
    int repaired,
    Map<String, Long> refused,
    String cursorBefore,
    String cursorAfter,
    int liveSize,
    Duration duration) {

  public SyncResult {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(stopDetail, "stopDetail");
    refused = Map.copyOf(refused);
    Objects.requireNonNull(duration, "duration");
  }

  /** All refused entries, whatever the reason. */
  public long refusedTotal() {
    return refused.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A one-line summary for logs and terminals. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(dryRun ? "dry run, " : "").append(mode.name().toLowerCase(Locale.ROOT))
        .append(" sync ")
        .append(complete ? "complete" : "stopped early (" + stopDetail.orElse("?") + ")")
        .append(": ").append(pages).append(pages == 1 ? " page, " : " pages, ")
        .append(fetched).append(" fetched, +").append(added).append(" -").append(removed)
        .append(" (").append(expired).append(" expired");
    if (repaired > 0) {
      sb.append(", ").append(repaired).append(" repaired");
    }
    sb.append("), ").append(refusedTotal()).append(" refused");
    if (!refused.isEmpty()) {
      sb.append(' ').append(new java.util.TreeMap<>(refused));
    }
    sb.append(", ").append(liveSize).append(" enforced by ").append(backend)
        .append(", cursor ").append(cursorBefore).append(" -> ").append(cursorAfter)
        .append(", ").append(duration.toMillis()).append(" ms");
    return sb.toString();
  }
}
