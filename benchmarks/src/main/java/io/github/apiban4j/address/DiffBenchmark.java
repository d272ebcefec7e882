package io.github.apiban4j.address;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The diff of one sync run: the desired set against what the firewall holds, both {@code size}
 * IPv4 addresses, differing by 1% (0.5% of the current set removed, as many new ones added). This
 * is the steady state of a blocklist sync; the target is 1M against 1M in 15 ms or less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DiffBenchmark {
  @Param({"10000", "100000", "1000000"})
  int size;

  AddressSet desired;
  AddressSet current;

  @Setup
  public void setUp() {
    int changed = size / 200; // 0.5% each way
    int[] all = BenchmarkData.distinctIpv4(size + changed, 42);
    AddressSet.Builder currentBuilder = AddressSet.builder();
    AddressSet.Builder desiredBuilder = AddressSet.builder();
    for (int i = 0; i < all.length; i++) {
      if (i >= changed) {
        currentBuilder.addIpv4(all[i]); // the first `changed` are new: desired only
      }
      if (i < changed || i >= 2 * changed) {
        desiredBuilder.addIpv4(all[i]); // the next `changed` have expired: current only
      }
    }
    current = currentBuilder.build();
    desired = desiredBuilder.build();
    Diff check = Diff.between(desired, current);
    if (check.toAdd().size() != changed || check.toRemove().size() != changed
        || current.size() != size || desired.size() != size) {
      throw new IllegalStateException("bad benchmark data: " + check);
    }
  }

  @Benchmark
  public Diff between() {
    return Diff.between(desired, current);
  }
}
