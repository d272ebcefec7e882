package io.github.apiban4j.examples.cli;

import io.github.apiban4j.StopReason;
import io.github.apiban4j.SyncListener;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.spi.BackendStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The daemon's metrics in the Prometheus text format, every name prefixed {@code apiban_}.
 * Counters come from the sync's events; gauges from a snapshot of the backend and the state taken
 * after every tick. Thread-safe: the sync thread writes, the HTTP thread reads.
 */
final class Metrics implements SyncListener {
  private final Map<String, Long> refused = new TreeMap<>();
  private final Map<String, Long> requests = new TreeMap<>();
  private final Map<String, Long> runs = new TreeMap<>();
  private long added;
  private long removed;
  private long expired;
  private long repaired;
  private long pages;
  private int consecutiveFailures;
  private double lastDurationSeconds = Double.NaN;
  private Snapshot snapshot;
  private volatile boolean served;

  /**
   * What the backend and the state held after a tick.
   *
   * @param enforced what the backend enforces
   * @param desired how many entries the local state wants enforced
   * @param status the backend's hook and counters
   * @param cursor the stored cursor, if any
   * @param lastSuccess the last successful sync, if any
   */
  record Snapshot(AddressSet enforced, int desired, BackendStatus status, Optional<String> cursor,
      Optional<Instant> lastSuccess) {}

  /** Whether anything serves these metrics; the snapshot after each tick is taken only then. */
  boolean served() {
    return served;
  }

  /** Called by the server that publishes these metrics. */
  void markServed() {
    served = true;
  }

  synchronized void observe(Snapshot s) {
    snapshot = s;
  }

  @Override
  public synchronized void pageFetched(int page, int accepted, int refusedOnPage, String next) {
    pages++;
  }

  @Override
  public synchronized void runFinished(SyncResult r) {
    added += r.added();
    removed += r.removed();
    expired += r.expired();
    repaired += r.repaired();
    r.refused().forEach((reason, n) -> refused.merge(reason, n, Long::sum));
    lastDurationSeconds = r.duration().toMillis() / 1000.0;
    if (r.complete()) {
      if (r.mode() != io.github.apiban4j.SyncMode.LOCAL) {
        requests.merge("end", 1L, Long::sum);
      }
      runs.merge("complete", 1L, Long::sum);
    } else {
      String reason = r.stopReason().map(Metrics::label).orElse("stopped");
      if (r.stopReason().orElse(null) != StopReason.INTERRUPTED) {
        requests.merge(reason, 1L, Long::sum);
      }
      runs.merge(reason, 1L, Long::sum);
    }
  }

  @Override
  public synchronized void runFailed(Throwable error) {
    runs.merge("failed", 1L, Long::sum);
    requests.merge("failed", 1L, Long::sum);
  }

  /** The daemon's count of failed ticks in a row. */
  synchronized void consecutiveFailures(int n) {
    consecutiveFailures = n;
  }

  private static String label(StopReason reason) {
    return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The metrics in the Prometheus text exposition format (version 0.0.4). */
  synchronized String render() {
    StringBuilder sb = new StringBuilder();
    if (snapshot != null) {
      Snapshot s = snapshot;
      gauge(sb, "apiban_set_entries", "Entries the backend enforces, per address family.");
      sample(sb, "apiban_set_entries{family=\"ipv4\"}", s.enforced().ipv4().size());
      sample(sb, "apiban_set_entries{family=\"ipv6\"}", s.enforced().ipv6().size());
      gauge(sb, "apiban_feed_entries", "Entries the local state wants enforced: reported by "
          + "APIBAN within the TTL, plus pins, less the allowlist and unbans.");
      sample(sb, "apiban_feed_entries", s.desired());
      gauge(sb, "apiban_enforcement_ratio", "Enforced entries over wanted entries (1 when the "
          + "backend holds exactly what the state wants).");
      sample(sb, "apiban_enforcement_ratio", s.desired() == 0 ? 1.0
          : (double) s.enforced().size() / s.desired());
      if (s.status().hook() != BackendStatus.Hook.UNKNOWN) {
        gauge(sb, "apiban_hook_present", "1 when the backend's dropping rule is in place.");
        sample(sb, "apiban_hook_present", s.status().hook() == BackendStatus.Hook.MISSING ? 0 : 1);
      }
      s.lastSuccess().ifPresent(t -> {
        gauge(sb, "apiban_last_success_timestamp_seconds", "When the last sync completed.");
        sample(sb, "apiban_last_success_timestamp_seconds", t.getEpochSecond());
      });
      s.cursor().ifPresent(c -> {
        gauge(sb, "apiban_cursor", "The stored feed cursor (APIBAN's ID).");
        sample(sb, "apiban_cursor", Double.parseDouble(c));
      });
      s.status().drops().ifPresent(d -> {
        counter(sb, "apiban_dropped_packets_total", "Packets dropped by the hook, per family.");
        sample(sb, "apiban_dropped_packets_total{family=\"ipv4\"}", d.ipv4Packets());
        sample(sb, "apiban_dropped_packets_total{family=\"ipv6\"}", d.ipv6Packets());
        counter(sb, "apiban_dropped_bytes_total", "Bytes dropped by the hook, per family.");
        sample(sb, "apiban_dropped_bytes_total{family=\"ipv4\"}", d.ipv4Bytes());
        sample(sb, "apiban_dropped_bytes_total{family=\"ipv6\"}", d.ipv6Bytes());
      });
    }
    gauge(sb, "apiban_consecutive_failures", "Failed sync ticks in a row.");
    sample(sb, "apiban_consecutive_failures", consecutiveFailures);
    if (!Double.isNaN(lastDurationSeconds)) {
      gauge(sb, "apiban_last_run_duration_seconds", "How long the last sync run took.");
      sample(sb, "apiban_last_run_duration_seconds", lastDurationSeconds);
    }
    counter(sb, "apiban_added_total", "Entries added to the backend (repairs included).");
    sample(sb, "apiban_added_total", added);
    counter(sb, "apiban_removed_total", "Entries removed from the backend (expiries included).");
    sample(sb, "apiban_removed_total", removed);
    counter(sb, "apiban_expired_total", "Entries removed because their TTL ran out.");
    sample(sb, "apiban_expired_total", expired);
    counter(sb, "apiban_repaired_total", "Entries put back because the backend had lost them.");
    sample(sb, "apiban_repaired_total", repaired);
    counter(sb, "apiban_pages_total", "Feed pages received.");
    sample(sb, "apiban_pages_total", pages);
    labelled(sb, "apiban_refused_total", "Feed entries refused, by reason.", "reason", refused);
    labelled(sb, "apiban_requests_total", "Feed requests by outcome: page, end (of the feed), "
        + "rate-limited, server-error, network-error, feed-stalled, failed; the client's "
        + "retries within one request are not counted.", "outcome", pagesAnd(requests));
    labelled(sb, "apiban_runs_total", "Sync runs by outcome.", "outcome", runs);
    return sb.toString();
  }

  private Map<String, Long> pagesAnd(Map<String, Long> others) {
    Map<String, Long> all = new TreeMap<>(others);
    all.put("page", pages);
    return all;
  }

  private static void labelled(StringBuilder sb, String name, String help, String label,
      Map<String, Long> values) {
    counter(sb, name, help);
    values.forEach((k, v) -> sample(sb, name + "{" + label + "=\"" + k + "\"}", v));
  }

  private static void gauge(StringBuilder sb, String name, String help) {
    header(sb, name, "gauge", help);
  }

  private static void counter(StringBuilder sb, String name, String help) {
    header(sb, name, "counter", help);
  }

  private static void header(StringBuilder sb, String name, String type, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder sb, String series, double value) {
    sb.append(series).append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      sb.append((long) value);
    } else {
      sb.append(value);
    }
    sb.append('\n');
  }
}
