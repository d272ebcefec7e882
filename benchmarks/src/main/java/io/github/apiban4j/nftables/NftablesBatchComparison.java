package io.github.apiban4j.nftables;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.nftables.internal.NftSettings;
import io.github.apiban4j.nftables.internal.NftablesBackend;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not JMH (each sample is a process and a kernel transaction, not a hot loop): the nftables backend
 * against a bare {@code nft -j -f -} of the same elements, in a throwaway network namespace, rounds
 * interleaved A B A B, medians reported; plus one {@code nft add element} process per address, the
 * way the seed's client worked, on a sample and extrapolated. Needs root, {@code ip} and
 * {@code nft}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.apiban4j.nftables.NftablesBatchComparison \
 *     [addresses=100000] [rounds=5] [perProcessSample=1000]
 * </pre>
 */
public final class NftablesBatchComparison {
  private static final CommandRunner RUNNER = CommandRunner.system();
  private static final Duration LIMIT = Duration.ofMinutes(5);

  private NftablesBatchComparison() {}

  public static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int sample = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    String ns = "apiban-bench-" + HexFormat.of().formatHex(random);
    run("ip", "netns", "add", ns);
    try {
      compare(ns, addresses(count), rounds, sample);
    } finally {
      run("ip", "netns", "delete", ns);
    }
  }

  private static void compare(String ns, AddressSet entries, int rounds, int sample)
      throws IOException {
    NftSettings d = NftSettings.defaults();
    NftablesBackend backend = new NftablesBackend(new NftSettings(d.table(), d.set4(), d.set6(),
        d.hook(), d.priority(), LIMIT, ns), RUNNER);
    backend.prepare();
    runIn(ns, "add table inet bare\nadd set inet bare b4 { type ipv4_addr; }\n", "-f", "-");
    String bareAdd = bareJson("add", entries);
    String bareDelete = bareJson("delete", entries);

    List<Double> backendAdd = new ArrayList<>();
    List<Double> backendRemove = new ArrayList<>();
    List<Double> nftAdd = new ArrayList<>();
    List<Double> nftRemove = new ArrayList<>();
    for (int round = -1; round < rounds; round++) { // round -1 warms up
      long t0 = System.nanoTime();
      backend.apply(new Diff(entries, AddressSet.empty()));
      long t1 = System.nanoTime();
      backend.apply(new Diff(AddressSet.empty(), entries));
      long t2 = System.nanoTime();
      runIn(ns, bareAdd, "-j", "-f", "-");
      long t3 = System.nanoTime();
      runIn(ns, bareDelete, "-j", "-f", "-");
      long t4 = System.nanoTime();
      if (round >= 0) {
        backendAdd.add((t1 - t0) / 1e9);
        backendRemove.add((t2 - t1) / 1e9);
        nftAdd.add((t3 - t2) / 1e9);
        nftRemove.add((t4 - t3) / 1e9);
      }
      if (!backend.current().isEmpty()) {
        throw new IllegalStateException("the backend's sets are not empty after a round");
      }
    }

    long p0 = System.nanoTime();
    int n = 0;
    for (IpPrefix p : entries) {
      if (n++ == sample) {
        break;
      }
      RUNNER.run(Command.of("nft", "add", "element", "inet", "bare", "b4", "{", p.toString(), "}")
          .inNamespace(ns)).requireSuccess("adding one element");
    }
    double perProcess = (System.nanoTime() - p0) / 1e9 * entries.size() / sample;

    double a = median(backendAdd);
    double r = median(backendRemove);
    double ba = median(nftAdd);
    double br = median(nftRemove);
    System.out.printf(Locale.ROOT, "%d IPv4 addresses, %d rounds interleaved, medians (s)%n",
        entries.size(), rounds);
    System.out.printf(Locale.ROOT, "%-44s %8s %8s %8s%n", "", "add", "remove", "both");
    System.out.printf(Locale.ROOT, "%-44s %8.3f %8.3f %8.3f%n", "nftables backend apply()", a, r,
        a + r);
    System.out.printf(Locale.ROOT, "%-44s %8.3f %8.3f %8.3f%n", "bare nft -j -f - (same elements)",
        ba, br, ba + br);
    System.out.printf(Locale.ROOT, "%-44s %8.2f %8.2f %8.2f%n", "ratio backend / bare", a / ba,
        r / br, (a + r) / (ba + br));
    System.out.printf(Locale.ROOT, "%-44s %8.1f%n", "one nft process per address, add (extrap.)",
        perProcess);
    System.out.printf(Locale.ROOT, "%-44s %8.0fx%n", "speed-up of the backend's add over it",
        perProcess / a);
    System.out.println("samples backend add " + backendAdd + ", remove " + backendRemove);
    System.out.println("samples bare add " + nftAdd + ", remove " + nftRemove);
    System.out.printf(Locale.ROOT, "per-process sample: %d adds%n", sample);
  }

  /** {@code count} distinct addresses from 1.0.0.0 to 222.255.255.255, seed 42. */
  private static AddressSet addresses(int count) {
    SplittableRandom random = new SplittableRandom(42);
    AddressSet.Builder b = AddressSet.builder();
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    while (seen.size() < count) {
      int bits = (int) random.nextLong(0x0100_0000L, 0xDF00_0000L);
      if (seen.add(bits)) {
        b.add(IpPrefix.ipv4(bits, 32));
      }
    }
    return b.build();
  }

  /** One JSON command with every element, as a hand-written nft batch would be. */
  private static String bareJson(String verb, AddressSet entries) {
    StringBuilder sb = new StringBuilder(entries.size() * 18);
    sb.append("{\"nftables\":[{\"").append(verb)
        .append("\":{\"element\":{\"family\":\"inet\",\"table\":\"bare\",\"name\":\"b4\",\"elem\":[");
    boolean first = true;
    for (IpPrefix p : entries) {
      sb.append(first ? "\"" : ",\"").append(p).append('"');
      first = false;
    }
    return sb.append("]}}}]}\n").toString();
  }

  private static Command inNs(String ns, String... args) {
    return Command.of("nft", args).inNamespace(ns).withTimeout(LIMIT);
  }

  private static void runIn(String ns, String stdin, String... args) throws IOException {
    RUNNER.run(inNs(ns, args).withStdin(stdin)).requireSuccess("nft " + String.join(" ", args));
  }

  private static void run(String... argv) throws IOException {
    RUNNER.run(Command.of(argv[0], Arrays.copyOfRange(argv, 1, argv.length)))
        .requireSuccess(String.join(" ", argv));
  }

  private static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
