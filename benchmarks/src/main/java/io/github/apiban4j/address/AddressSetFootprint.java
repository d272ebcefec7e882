package io.github.apiban4j.address;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Measures the heap an {@link AddressSet} of IPv4 addresses retains: heap in use after a full GC
 * with the set reachable, minus the same without it, divided by the number of addresses. The
 * target is 8 bytes an address or less.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.apiban4j.address.AddressSetFootprint [addresses] [runs]}. Collectors count
 * differently: G1 (the default) accounts an array larger than half a region in whole regions, so
 * its figure is the heap really taken, rounded up; {@code -XX:+UseParallelGC} shows the bytes of
 * the arrays; {@code -XX:+UseSerialGC} needs {@code -XX:MarkSweepDeadRatio=0}, or its full GC
 * leaves dead objects uncompacted and the figures are meaningless.
 */
public final class AddressSetFootprint {
  private AddressSetFootprint() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    int[] bits = BenchmarkData.distinctIpv4(n, 10); // allocated before the baseline: not counted
    System.out.printf(Locale.ROOT, "%s, %s, max heap %d MiB, %,d addresses%n",
        System.getProperty("java.vm.version"), collectors(),
        Runtime.getRuntime().maxMemory() >> 20, n);
    build(bits); // warm up the builder code
    double sum = 0;
    for (int run = 1; run <= runs; run++) {
      double perAddress = retainedPerAddress(bits, memory);
      sum += perAddress;
      System.out.printf(Locale.ROOT, "run %d: %.3f bytes per address%n", run, perAddress);
    }
    System.out.printf(Locale.ROOT, "mean over %d runs: %.3f bytes per address (target <= 8)%n",
        runs, sum / runs);
  }

  /**
   * One measurement. The set lives only in this frame: kept in a local of {@code main}, the
   * previous run's set could stay reachable through a stale stack slot and hide the next one.
   */
  private static double retainedPerAddress(int[] bits, MemoryMXBean memory) {
    long before = usedAfterGc(memory);
    AddressSet set = build(bits);
    long after = usedAfterGc(memory);
    Reference.reachabilityFence(set);
    return (after - before) / (double) set.size();
  }

  private static AddressSet build(int[] bits) {
    AddressSet.Builder b = AddressSet.builder();
    for (int x : bits) {
      b.addIpv4(x);
    }
    return b.build();
  }

  /** Heap in use once a few full collections have found nothing more to free. */
  private static long usedAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }

  private static String collectors() {
    StringBuilder sb = new StringBuilder();
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sb.append(sb.length() == 0 ? "" : "/").append(gc.getName());
    }
    return sb.toString();
  }
}
