package io.github.apiban4j.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The results as the Markdown of {@code latest.md}, which the READMEs quote. */
final class Markdown {
  private Markdown() {}

  static String of(Report r, String command) {
    Environment e = r.environment();
    StringBuilder md = new StringBuilder();
    md.append("# Backend benchmarks: ").append(r.mode()).append(" run\n\n");
    md.append("`").append(command).append("`, ").append(e.date()).append(", on ")
        .append(e.cores()).append(" cores (").append(e.model()).append("), ")
        .append(String.format(Locale.ROOT, "%,d", e.memoryMb())).append(" MiB, ").append(e.os())
        .append(", kernel ").append(e.kernel()).append(", JDK ").append(e.jdk()).append("; ")
        .append(String.join(", ", e.tools().values())).append(". Load average at the start: ")
        .append(e.loadAverage()).append(".\n\n");
    md.append("Medians in milliseconds. Each pair is measured by a process started inside a"
        + " network namespace of its own, so that the backends and the tools run as they do on a"
        + " host, with nothing such as `ip netns exec` in front of each process. Each row"
        + " alternates the two sides on the same random addresses (contender, baseline, contender,"
        + " baseline …) after one warm-up of each; ratio = contender / baseline, so below 1 the"
        + " backend is faster. `page` adds 250 new addresses to a set that holds 100,000 (and the"
        + " pages timed before it), as one APIBAN page does.\n\n");

    md.append("## Backends against the bare tools\n\n");
    md.append("| contender | baseline | op | size | family | contender ms | baseline ms | ratio"
        + " | runs | target |\n|---|---|---|---:|---|---:|---:|---:|---:|---|\n");
    for (Row row : r.rows()) {
      if (!row.baseline().equals(Row.PER_ADDRESS)) {
        md.append(String.format(Locale.ROOT,
            "| %s | `%s` | %s | %,d | %s | %s | %s | %s | %d | %s |%n",
            row.contender(), row.baseline(), row.op(), row.size(), row.family(),
            millis(row.contenderMedianMs()), millis(row.baselineMedianMs()), ratio(row.ratio()),
            row.contenderMs().length, verdict(row)));
      }
    }

    md.append("\n## Backends against one `iptables` process per address\n\n");
    md.append("The seed's way: one `iptables -A CHAIN -s ADDRESS -j DROP` process per address to"
        + " add, one `iptables -D` to remove (`ip6tables` for IPv6), started directly inside the"
        + " namespace. ");
    for (PerAddress p : r.perAddress()) {
      md.append(String.format(Locale.ROOT, "%s: %,d `-A` took %s ms, %,d `-D` %s ms. ",
          p.family(), p.processes(), millis(p.addMs()), p.processes(), millis(p.deleteMs())));
    }
    md.append("Figures marked * are that time scaled to the row's size (**extrapolated**, not"
        + " measured); removals are a lower bound, since each `-D` of iptables-nft reads the whole"
        + " chain and the chain timed held only the timed rules. The target (at least 100 times"
        + " faster) applies to additions and removals; a page of 250 is 250 processes against at"
        + " least one, so 100 times is out of reach by construction.\n\n");
    md.append("| contender | op | size | family | contender ms | per address ms | speed-up | target"
        + " |\n|---|---|---:|---|---:|---:|---:|---|\n");
    for (Row row : r.rows()) {
      if (row.baseline().equals(Row.PER_ADDRESS)) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s%s | %s× | %s |%n",
            row.contender(), row.op(), row.size(), row.family(), millis(row.contenderMedianMs()),
            millis(row.baselineMedianMs()), row.extrapolated() ? "*" : "",
            speedUp(1 / row.ratio()), verdict(row)));
      }
    }

    if (!r.cli().isEmpty()) {
      md.append("\n## The CLI end to end\n\n");
      md.append("`java ").append(String.join(" ", CliBenchmark.JVM_OPTIONS)).append(" -jar"
          + " apiban.jar sync` (the systemd unit's options) of a local fake feed of 100,000"
          + " addresses, no rate limit, into an empty namespace and state; then a second sync,"
          + " which finds nothing new. Wall time includes the JVM's start; peak RSS is the"
          + " kernel's high-water mark (`VmHWM`). \"Unchanged\": the namespace's `ipset list`,"
          + " `nft -a list ruleset`, `iptables-save -c` and `ip6tables-save -c` were the same"
          + " before and after the second sync, which reported no change and caused no event in"
          + " `nft monitor`.\n\n");
      md.append("| backend | wall ms | peak RSS MiB | second run wall ms | second run RSS MiB |"
          + " second run left the kernel unchanged | runs | target |\n"
          + "|---|---:|---:|---:|---:|---|---:|---|\n");
      for (CliResult c : r.cli()) {
        double wall = Samples.median(c.firstWallMs());
        double rss = Samples.median(c.firstRssMb());
        String target = c.backend().equals("ipset-netlink")
            ? (wall < Targets.CLI_WALL_MS && rss < Targets.CLI_RSS_MB ? "< 3 s, < 300 MB: met"
                : "< 3 s, < 300 MB: **missed**") : "";
        md.append(String.format(Locale.ROOT,
            "| %s | %,.0f | %.0f | %,.0f | %.0f | %s | %d | %s |%n",
            c.backend(), wall, rss, Samples.median(c.secondWallMs()),
            Samples.median(c.secondRssMb()), c.secondRunUnchanged() ? "yes" : "**no**",
            c.firstWallMs().length, target));
      }
    }

    List<Row> missed = r.rows().stream().filter(row -> Targets.maxRatio(row)
        .map(t -> row.ratio() > t).orElse(false)).toList();
    md.append("\n## Targets\n\n");
    md.append(missed.isEmpty() ? "Every ratio target of the rows above is met.\n"
        : missed.size() + " ratio target(s) missed: " + String.join("; ", missed.stream()
            .map(row -> row.contender() + " " + row.op() + " " + row.size() + " " + row.family()
                + " against " + row.baseline() + ", " + ratio(row.ratio()) + " for "
                + Targets.describe(Targets.maxRatio(row).get())).toList()) + ".\n");
    md.append("\n![Medians of every comparison, log scale](latest.svg)\n");
    return md.toString();
  }

  private static String verdict(Row row) {
    Optional<Double> target = Targets.maxRatio(row);
    return target.map(t -> Targets.describe(t) + (row.ratio() <= t ? ": met" : ": **missed**"))
        .orElse("");
  }

  /** Milliseconds to about three significant digits. */
  static String millis(double ms) {
    if (ms >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", ms);
    }
    return String.format(Locale.ROOT, ms >= 100 ? "%.1f" : ms >= 10 ? "%.2f" : "%.3f", ms);
  }

  /** How many times faster: {@code 5,107}, {@code 52}, {@code 0.47}. */
  static String speedUp(double times) {
    return String.format(Locale.ROOT, times >= 10 ? "%,.0f" : "%.2f", times);
  }

  /** A ratio to three significant digits. */
  static String ratio(double r) {
    return String.format(Locale.ROOT, r >= 1 ? "%.2f" : r >= 0.1 ? "%.3f" : "%.4f", r);
  }
}
