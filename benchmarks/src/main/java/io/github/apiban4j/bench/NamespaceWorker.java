package io.github.apiban4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The measuring half of the harness, started by {@link BenchmarkHarness} inside a namespace of its
 * own ({@code nsenter --net=/run/netns/NAME -- java …}), so that the backends and the tools run
 * exactly as on a host: no namespace option, no {@code ip netns exec} before each process. It
 * checks that it is in that namespace before it changes anything, measures one pair (or the
 * processes per address) and writes the rows to a file.
 *
 * <pre>
 * NamespaceWorker --netns /run/netns/NAME --host-netns 'net:[INODE]' --out FILE
 *     (--pair CONTENDER | --per-address-only) PLAN…
 * </pre>
 */
public final class NamespaceWorker {
  private NamespaceWorker() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>();
    Plan plan = Plan.parse(List.of(args), rest);
    Path netns = null;
    Path out = null;
    String host = null;
    String pair = null;
    for (int i = 0; i < rest.size(); i++) {
      switch (rest.get(i)) {
        case "--netns" -> netns = Path.of(Plan.value("--netns", rest, ++i));
        case "--out" -> out = Path.of(Plan.value("--out", rest, ++i));
        case "--host-netns" -> host = Plan.value("--host-netns", rest, ++i);
        case "--pair" -> pair = Plan.value("--pair", rest, ++i);
        case "--per-address-only" -> pair = null;
        default -> throw new IllegalArgumentException("unknown argument " + rest.get(i));
      }
    }
    if (netns == null || out == null || host == null) {
      throw new IllegalArgumentException("--netns, --host-netns and --out are required");
    }
    BenchNamespace.requireInside(netns, host);
    Progress progress = new Progress();
    WorkerResult result;
    if (pair != null) {
      result = new WorkerResult(new PairComparison(Pair.named(pair), plan, progress).run(),
          List.of());
    } else {
      List<PerAddress> perAddress = new ArrayList<>();
      perAddress.add(PerAddress.measure("ipv4", plan.perAddress(), progress));
      if (plan.hasIpv6()) {
        perAddress.add(PerAddress.measure("ipv6", plan.perAddress(), progress));
      }
      result = new WorkerResult(List.of(), perAddress);
    }
    ResultsJson.writeWorker(out, result);
  }

  /** What one worker measured. */
  record WorkerResult(List<Row> rows, List<PerAddress> perAddress) {}
}
