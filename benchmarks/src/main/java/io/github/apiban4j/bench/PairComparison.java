package io.github.apiban4j.bench;

import io.github.apiban4j.address.AddressSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend against its bare tool in the current network namespace: for every data set, one
 * warm-up round of each (the backend's JIT, and its sets grown to the size once), then rounds of
 * contender add, baseline add, contender delete, baseline delete; then one-page additions to a set
 * that holds {@value Plan#LARGE} addresses (and the pages before), alternating the same way.
 */
final class PairComparison {
  private final Pair pair;
  private final Plan plan;
  private final Progress progress;

  PairComparison(Pair pair, Plan plan, Progress progress) {
    this.pair = pair;
    this.plan = plan;
    this.progress = progress;
  }

  List<Row> run() throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BackendSide contender = pair.openContender()) {
      Side baseline = pair.openBaseline();
      for (Plan.Dataset d : plan.datasets()) {
        rows.addAll(addAndDelete(contender, baseline, d));
      }
      rows.add(page(contender, baseline));
    }
    return rows;
  }

  private List<Row> addAndDelete(BackendSide a, Side b, Plan.Dataset d) throws IOException {
    progress.say(pair.contender + " against " + pair.baseline + ": " + d.size() + " " + d.family()
        + " additions and removals, " + plan.runs() + " rounds");
    AddressSet data = d.addresses();
    a.add(data).run();
    requireHolds(a, data);
    a.delete(data).run();
    requireHolds(a, AddressSet.empty());
    b.matchContender();
    b.add(data).run();
    b.delete(data).run();
    Samples addA = new Samples();
    Samples addB = new Samples();
    Samples delA = new Samples();
    Samples delB = new Samples();
    for (int r = 0; r < plan.runs(); r++) {
      addA.time(a.add(data));
      addB.time(b.add(data));
      delA.time(a.delete(data));
      delB.time(b.delete(data));
    }
    return List.of(row("add", d, addA, addB), row("delete", d, delA, delB));
  }

  private Row page(BackendSide a, Side b) throws IOException {
    progress.say(pair.contender + " against " + pair.baseline + ": one page of " + Plan.PAGE
        + " into " + Plan.LARGE + ", " + plan.pageRuns() + " times");
    AddressSet held = new Plan.Dataset("ipv4", Plan.LARGE).addresses();
    a.add(held).run();
    b.matchContender();
    b.add(held).run();
    Samples pageA = new Samples();
    Samples pageB = new Samples();
    // Each page stays, as a feed's pages do: removing 250 rules one -D at a time from a chain of
    // 100,000 takes iptables-restore seconds, which would be most of the run.
    for (int r = -1; r < plan.pageRuns(); r++) { // round -1 warms up
      AddressSet page = freshPage(held, 1_000 + r);
      Side.Step stepA = a.add(page);
      Side.Step stepB = b.add(page);
      if (r < 0) {
        stepA.run();
        stepB.run();
      } else {
        pageA.time(stepA);
        pageB.time(stepB);
      }
      held = held.union(page);
    }
    requireHolds(a, held);
    a.clear();
    b.clear();
    return row("page", new Plan.Dataset("ipv4", Plan.PAGE), pageA, pageB);
  }

  /** {@value Plan#PAGE} random addresses none of which {@code held} has. */
  private static AddressSet freshPage(AddressSet held, long seed) {
    for (long s = seed; ; s += 7919) {
      AddressSet page = Addresses.ipv4(Plan.PAGE, s);
      if (page.minus(held).size() == Plan.PAGE) {
        return page;
      }
    }
  }

  /**
   * Fails unless the backend comes to hold exactly {@code expected}: the timed work really
   * happened. A listing is read again while it differs, a bounded number of times, because the
   * kernel's dump of an nftables hash set that is still being resized after a large addition skips
   * some elements and repeats others (92,556 of 100,000 were seen, nft's own listing alike).
   */
  private void requireHolds(BackendSide side, AddressSet expected) throws IOException {
    AddressSet current = side.current();
    for (int attempt = 1; attempt < 20 && !current.equals(expected); attempt++) {
      progress.say(pair.contender + " listed " + current.size() + " entries where "
          + expected.size() + " were expected; reading it again");
      current = side.current();
    }
    if (!current.equals(expected)) {
      throw new IllegalStateException(pair.contender + " holds " + current.size()
          + " entries where " + expected.size() + " were expected");
    }
  }

  private Row row(String op, Plan.Dataset d, Samples a, Samples b) {
    return new Row(pair.contender, pair.baseline, op, d.size(), d.family(), a.millis(),
        b.millis(), 0);
  }
}
