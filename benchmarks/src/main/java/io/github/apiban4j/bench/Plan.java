package io.github.apiban4j.bench;

import io.github.apiban4j.address.AddressSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of the harness measures.
 *
 * @param runs timed rounds of every addition and removal, after one warm-up round
 * @param pageRuns timed one-page updates, after one warm-up
 * @param datasets the additions and removals to compare, smallest first
 * @param perAddress how many processes of one address each are timed (then extrapolated)
 * @param cliRuns how many times the CLI syncs the fake feed into each backend; 0 for none
 */
record Plan(int runs, int pageRuns, List<Dataset> datasets, int perAddress, int cliRuns) {
  /** The size of the set a page is added to, and of the CLI's feed. */
  static final int LARGE = 100_000;
  /** Entries in one APIBAN page. */
  static final int PAGE = 250;

  /** One family and size of random single addresses, the same in every run. */
  record Dataset(String family, int size) {
    AddressSet addresses() {
      return family.equals("ipv6") ? Addresses.ipv6(size, 43) : Addresses.ipv4(size, 42);
    }

    @Override
    public String toString() {
      return family + ":" + size;
    }

    static Dataset parse(String text) {
      String[] parts = text.split(":");
      if (parts.length != 2 || !parts[0].matches("ipv4|ipv6")) {
        throw new IllegalArgumentException("a data set is ipv4:SIZE or ipv6:SIZE, not " + text);
      }
      return new Dataset(parts[0], Integer.parseInt(parts[1]));
    }
  }

  /** Everything: 1k, 10k, 100k IPv4 and 10k IPv6. */
  static Plan full() {
    return new Plan(5, 21, List.of(new Dataset("ipv4", 1_000), new Dataset("ipv4", 10_000),
        new Dataset("ipv4", LARGE), new Dataset("ipv6", 10_000)), 1_000, 3);
  }

  /** The 100k IPv4 additions and removals and the pages, fewer rounds. */
  static Plan quick() {
    return new Plan(3, 11, List.of(new Dataset("ipv4", LARGE)), 1_000, 1);
  }

  /** Whether IPv6 is measured, so that ip6tables is timed per address too. */
  boolean hasIpv6() {
    return datasets.stream().anyMatch(d -> d.family().equals("ipv6"));
  }

  /** This plan as worker arguments; {@link #parse} reads them back. */
  List<String> toArgs() {
    List<String> args = new ArrayList<>(List.of("--runs", Integer.toString(runs), "--page-runs",
        Integer.toString(pageRuns), "--per-address", Integer.toString(perAddress), "--cli-runs",
        Integer.toString(cliRuns), "--datasets"));
    args.add(String.join(",", datasets.stream().map(Dataset::toString).toList()));
    return args;
  }

  /**
   * Reads {@code --quick}, {@code --runs N}, {@code --page-runs N}, {@code --per-address N},
   * {@code --cli-runs N} and {@code --datasets ipv4:1000,…}; anything else is left in
   * {@code rest}.
   */
  static Plan parse(List<String> args, List<String> rest) {
    Plan p = args.contains("--quick") ? quick() : full();
    int runs = p.runs;
    int pageRuns = p.pageRuns;
    int perAddress = p.perAddress;
    int cliRuns = p.cliRuns;
    List<Dataset> datasets = p.datasets;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--quick" -> { }
        case "--runs" -> runs = positive(a, args, ++i);
        case "--page-runs" -> pageRuns = positive(a, args, ++i);
        case "--per-address" -> perAddress = positive(a, args, ++i);
        case "--cli-runs" -> cliRuns = Integer.parseInt(value(a, args, ++i));
        case "--datasets" -> datasets = List.of(value(a, args, ++i).split(",")).stream()
            .map(Dataset::parse).toList();
        default -> rest.add(a);
      }
    }
    return new Plan(runs, pageRuns, datasets, perAddress, cliRuns);
  }

  private static int positive(String option, List<String> args, int i) {
    int n = Integer.parseInt(value(option, args, i));
    if (n < 1) {
      throw new IllegalArgumentException(option + " must be at least 1");
    }
    return n;
  }

  static String value(String option, List<String> args, int i) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }
}
