package io.github.apiban4j.bench;

import java.util.Optional;

/** The targets, as the largest ratio (contender over baseline) each row may show. */
final class Targets {
  /** CLI sync of 100k into ipset-netlink: wall time including the JVM's start. */
  static final double CLI_WALL_MS = 3_000;
  /** CLI sync of 100k into ipset-netlink: peak resident memory. */
  static final double CLI_RSS_MB = 300;

  private Targets() {}

  /** The largest ratio allowed for {@code row}, if the issue sets one. */
  static Optional<Double> maxRatio(Row row) {
    if (row.baseline().equals(Row.PER_ADDRESS)) {
      // At least 100 times faster than one process per address, for the batches of a sync; a
      // page of 250 is at most 250 processes against at least one, so 100 times is out of reach.
      return row.op().equals("page") ? Optional.empty() : Optional.of(0.01);
    }
    return switch (row.contender()) {
      case "ipset-netlink" -> row.op().equals("page") ? Optional.of(0.05)
          : row.size() == Plan.LARGE ? Optional.of(0.10) : Optional.empty();
      case "nftables", "iptables-set" -> Optional.of(1.3);
      default -> Optional.empty();
    };
  }

  /** {@code ≤ 0.10}, or {@code ≥ 100× faster} for ratios below 0.02. */
  static String describe(double maxRatio) {
    return maxRatio < 0.02 ? "≥ " + Math.round(1 / maxRatio) + "× faster"
        : "≤ " + Markdown.ratio(maxRatio);
  }
}
