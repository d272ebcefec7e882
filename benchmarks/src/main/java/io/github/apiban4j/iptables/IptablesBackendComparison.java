package io.github.apiban4j.iptables;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Not JMH: a {@code main} that compares, inside a network namespace of its own, the iptables
 * backend in mode set with a bare {@code ipset restore} of the same lines, and with one
 * {@code iptables -A} process per address. Needs root, {@code ip}, {@code nsenter}, ipset and
 * iptables; it deletes its namespace when done.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.github.apiban4j.iptables.IptablesBackendComparison \
 *     [addresses=100000] [rounds=5] [perProcess=1000]
 * }</pre>
 *
 * <p>Each round adds the addresses and removes them again, first through the backend ({@code
 * apply}: {@code ipset list -t} and one {@code ipset restore}), then through a bare {@code ipset
 * restore -exist} fed with prebuilt {@code add}/{@code del} lines, alternating A B A B after one
 * warm-up round of each. Every process, the backend's included, enters the namespace with
 * {@code nsenter --net=/run/netns/NAME}. The addresses are random, from 240.0.0.0/4, which no
 * network uses; they never leave the namespace.
 */
public final class IptablesBackendComparison {
  private IptablesBackendComparison() {}

  public static void main(String[] args) throws Exception {
    int addresses = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int perProcess = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    if (!"root".equals(System.getProperty("user.name"))) {
      System.err.println("needs root: it creates a network namespace and changes its firewall");
      System.exit(2);
    }
    byte[] random = new byte[4];
    new java.security.SecureRandom().nextBytes(random);
    String ns = "apiban-bench-" + HexFormat.of().formatHex(random);
    String path = "/run/netns/" + ns;
    run(null, "ip", "netns", "add", ns);
    Thread cleanup = new Thread(() -> deleteQuietly(ns));
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      compare(path, addresses, rounds, perProcess);
    } finally {
      Runtime.getRuntime().removeShutdownHook(cleanup);
      run(null, "ip", "netns", "delete", ns);
    }
  }

  private static void compare(String ns, int n, int rounds, int perProcess) throws Exception {
    AddressSet entries = randomIpv4(n, 42);
    byte[] adds = lines("add", entries);
    byte[] dels = lines("del", entries);
    try (FirewallBackend backend = new IptablesBackendProvider().create(BackendConfig.of(Map.of(
        BackendConfig.NAMESPACE, ns)))) {
      backend.prepare();
      List<long[]> viaBackend = new ArrayList<>();
      List<long[]> bare = new ArrayList<>();
      for (int round = 0; round <= rounds; round++) {
        long[] a = timeBackend(backend, entries);
        long[] b = timeBare(ns, adds, dels);
        if (round > 0) { // round 0 warms up both
          viaBackend.add(a);
          bare.add(b);
        }
      }
      backend.uninstall();
      System.out.printf(Locale.ROOT, "%,d IPv4 addresses, %d rounds after a warm-up, medians:%n",
          n, rounds);
      report("backend apply (add)", viaBackend, 0, bare, 0);
      report("backend apply (remove)", viaBackend, 1, bare, 1);
      report("backend add + remove", viaBackend, 2, bare, 2);
      double backendAdd = median(viaBackend, 0);
      double perAddress = timePerProcess(ns, entries, perProcess);
      double extrapolated = perAddress * n;
      System.out.printf(Locale.ROOT, "one iptables -A process per address: %,d measured in %.3f s"
          + " -> %.1f s for %,d (extrapolated x%d)%n", perProcess, perAddress * perProcess / 1e9,
          extrapolated / 1e9, n, n / perProcess);
      System.out.printf(Locale.ROOT, "backend add of %,d is %.0fx faster than one process per"
          + " address (extrapolated)%n", n, extrapolated / backendAdd);
    }
  }

  private static long[] timeBackend(FirewallBackend backend, AddressSet entries)
      throws IOException {
    long t0 = System.nanoTime();
    backend.apply(new Diff(entries, AddressSet.empty()));
    long t1 = System.nanoTime();
    backend.apply(new Diff(AddressSet.empty(), entries));
    long t2 = System.nanoTime();
    return new long[] {t1 - t0, t2 - t1, t2 - t0};
  }

  private static long[] timeBare(String ns, byte[] adds, byte[] dels) throws IOException {
    long t0 = System.nanoTime();
    run(adds, "nsenter", "--net=" + ns, "--", "ipset", "restore", "-exist");
    long t1 = System.nanoTime();
    run(dels, "nsenter", "--net=" + ns, "--", "ipset", "restore", "-exist");
    long t2 = System.nanoTime();
    return new long[] {t1 - t0, t2 - t1, t2 - t0};
  }

  /** Nanoseconds per {@code iptables -A} process, over the first {@code count} entries. */
  private static double timePerProcess(String ns, AddressSet entries, int count)
      throws IOException {
    run(null, "nsenter", "--net=" + ns, "--", "iptables", "-t", "raw", "-N", "PERPROCESS");
    List<IpPrefix> first = entries.stream().limit(count).toList();
    long t0 = System.nanoTime();
    for (IpPrefix p : first) {
      run(null, "nsenter", "--net=" + ns, "--", "iptables", "-t", "raw", "-A", "PERPROCESS",
          "-s", p.toString(), "-j", "DROP");
    }
    long elapsed = System.nanoTime() - t0;
    run(null, "nsenter", "--net=" + ns, "--", "iptables", "-t", "raw", "-F", "PERPROCESS");
    run(null, "nsenter", "--net=" + ns, "--", "iptables", "-t", "raw", "-X", "PERPROCESS");
    return (double) elapsed / first.size();
  }

  private static void report(String what, List<long[]> a, int ia, List<long[]> b, int ib) {
    double ma = median(a, ia);
    double mb = median(b, ib);
    System.out.printf(Locale.ROOT, "  %-24s %8.1f ms   bare ipset restore %8.1f ms   ratio %.2f%n",
        what, ma / 1e6, mb / 1e6, ma / mb);
  }

  private static double median(List<long[]> runs, int index) {
    long[] values = runs.stream().mapToLong(r -> r[index]).sorted().toArray();
    int m = values.length / 2;
    return values.length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2.0;
  }

  private static AddressSet randomIpv4(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    AddressSet.Builder b = AddressSet.builder();
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    while (seen.size() < n) {
      int bits = 0xF000_0000 | random.nextInt(0x1000_0000);
      if (seen.add(bits)) {
        b.addIpv4(bits);
      }
    }
    return b.build();
  }

  private static byte[] lines(String verb, AddressSet entries) {
    StringBuilder sb = new StringBuilder(entries.size() * 28);
    for (IpPrefix p : entries) {
      sb.append(verb).append(" apiban4 ").append(p).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Runs {@code argv} with {@code stdin}; fails with its stderr unless it exits with 0. */
  private static void run(byte[] stdin, String... argv) throws IOException {
    Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    }
    try {
      int status = p.waitFor();
      if (status != 0) {
        throw new IOException(String.join(" ", argv) + " exited with " + status + ": "
            + new String(err.join(), StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(String ns) {
    try {
      run(null, "ip", "netns", "delete", ns);
    } catch (IOException e) {
      System.err.println("could not delete network namespace " + ns + ": " + e.getMessage());
    }
  }
}
