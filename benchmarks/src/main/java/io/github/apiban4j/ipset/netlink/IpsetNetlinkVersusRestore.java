package io.github.apiban4j.ipset.netlink;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The ipset-netlink backend against {@code ipset restore} on the same addresses, side by side in
 * one run, inside a network namespace it creates and deletes: 100,000 IPv4 additions then their
 * removal, and a one-page update of 250 additions. Runs alternate (backend, tool, backend, tool …)
 * and the medians are reported. Needs root.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.apiban4j.ipset.netlink.IpsetNetlinkVersusRestore [rounds]</pre>
 */
public final class IpsetNetlinkVersusRestore {
  private static final CommandRunner RUNNER = CommandRunner.system();

  private IpsetNetlinkVersusRestore() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    byte[] random = new byte[4];
    new java.security.SecureRandom().nextBytes(random);
    String ns = "apiban-bench-" + HexFormat.of().formatHex(random);
    run(Command.of("ip", "netns", "add", ns));
    try {
      measure(ns, rounds);
    } finally {
      run(Command.of("ip", "netns", "delete", ns));
    }
  }

  private static void measure(String ns, int rounds) throws Exception {
    AddressSet big = randomIpv4(100_000, 42);
    String bigAdd = restoreInput("add", big);
    String bigDel = restoreInput("del", big);
    run(Command.of("ipset", "create", "base4", "hash:net", "family", "inet", "hashsize", "65536",
        "maxelem", "262144").inNamespace(ns));
    long[] addA = new long[rounds];
    long[] addB = new long[rounds];
    long[] delA = new long[rounds];
    long[] delB = new long[rounds];
    try (FirewallBackend backend = new IpsetNetlinkBackendProvider().create(BackendConfig.of(
        Map.of(BackendConfig.NAMESPACE, ns, "hook", "none")))) {
      backend.prepare();
      // One unmeasured round: JIT warm-up, and the set grows to its size for 100k once.
      backend.apply(new Diff(big, AddressSet.empty()));
      backend.apply(new Diff(AddressSet.empty(), big));
      for (int r = 0; r < rounds; r++) {
        addA[r] = time(() -> backend.apply(new Diff(big, AddressSet.empty())));
        addB[r] = time(() -> restore(ns, bigAdd));
        delA[r] = time(() -> backend.apply(new Diff(AddressSet.empty(), big)));
        delB[r] = time(() -> restore(ns, bigDel));
      }
      int pages = Math.max(11, rounds * 4 + 1);
      long[] pageA = new long[pages];
      long[] pageB = new long[pages];
      for (int r = 0; r < pages; r++) {
        AddressSet page = randomIpv4(250, 1000 + r);
        String pageAdd = restoreInput("add", page);
        pageA[r] = time(() -> backend.apply(new Diff(page, AddressSet.empty())));
        pageB[r] = time(() -> restore(ns, pageAdd));
        backend.apply(new Diff(AddressSet.empty(), page));
        restore(ns, restoreInput("del", page));
      }
      System.out.println("| op | size | ipset-netlink median ms | ipset restore median ms | ratio |");
      System.out.println("|---|---|---|---|---|");
      row("add", 100_000, addA, addB);
      row("delete", 100_000, delA, delB);
      row("page", 250, pageA, pageB);
      System.out.println("(" + rounds + " rounds of 100k, " + pages + " pages, alternating)");
    }
  }

  private interface Step {
    void run() throws IOException;
  }

  private static long time(Step step) throws IOException {
    long start = System.nanoTime();
    step.run();
    return System.nanoTime() - start;
  }

  private static void row(String op, int size, long[] a, long[] b) {
    double ma = median(a) / 1e6;
    double mb = median(b) / 1e6;
    System.out.printf("| %s | %d | %.2f | %.2f | %.3f |%n", op, size, ma, mb, ma / mb);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static void restore(String ns, String input) throws IOException {
    RUNNER.run(Command.of("ipset", "restore", "-exist").withStdin(input)
        .withTimeout(Duration.ofMinutes(2)).inNamespace(ns)).requireSuccess("ipset restore");
  }

  private static void run(Command command) throws IOException {
    RUNNER.run(command).requireSuccess(String.join(" ", command.argv()));
  }

  private static String restoreInput(String verb, AddressSet set) {
    StringBuilder sb = new StringBuilder(set.size() * 24);
    for (IpPrefix p : set) {
      sb.append(verb).append(" base4 ").append(p).append('\n');
    }
    return sb.toString();
  }

  /** Distinct random unicast IPv4 addresses, never routed: they exist only in the namespace. */
  static AddressSet randomIpv4(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<Integer> seen = new HashSet<>();
    AddressSet.Builder b = AddressSet.builder();
    while (seen.size() < count) {
      int bits = (int) (0x0100_0000L + random.nextLong(0xDE00_0000L)); // 1.0.0.0-222.255.255.255
      if (seen.add(bits)) {
        b.addIpv4(bits);
      }
    }
    return b.build();
  }
}
