package io.github.apiban4j.address;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building sets and looking addresses up in them.
 *
 * <ul>
 *   <li>{@code buildFromStrings}: parse 100k feed entries and build the set, per set.
 *   <li>{@code buildFromInts}: build a set of 1M pre-parsed IPv4 addresses; scored per address
 *       ({@code @OperationsPerInvocation}), so that with {@code -prof gc} the
 *       {@code gc.alloc.rate.norm} figure is the bytes allocated per address.
 *   <li>{@code contains*}/{@code matches*}: exact membership and coverage in a set of 100k
 *       addresses and 1k prefixes of assorted lengths, for members and non-members.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AddressSetBenchmark {
  private static final int PROBES = 1024; // a power of two: the index wraps with a mask

  /** 100k literals as a feed delivers them: IPv4 only, or with 10% IPv6 and 1% prefixes. */
  @State(Scope.Benchmark)
  public static class Literals {
    @Param({"ipv4", "mixed"})
    String kind;

    String[] texts;

    @Setup
    public void setUp() {
      SplittableRandom r = new SplittableRandom(7);
      int[] v4 = BenchmarkData.distinctIpv4(100_000, 7);
      texts = new String[v4.length];
      for (int i = 0; i < texts.length; i++) {
        if (kind.equals("mixed") && i % 10 == 0) {
          texts[i] = IpPrefix.ipv6(0x20010db800000000L | r.nextInt() & 0xFFFF_FFFFL,
              r.nextLong(), 128).toString();
        } else if (kind.equals("mixed") && i % 100 == 1) {
          texts[i] = BenchmarkData.ipv4Text(v4[i] & 0xFFFF_FF00) + "/24";
        } else {
          texts[i] = BenchmarkData.ipv4Text(v4[i]);
        }
      }
    }
  }

  /** 1M distinct IPv4 addresses in random order. */
  @State(Scope.Benchmark)
  public static class Ints {
    int[] bits;

    @Setup
    public void setUp() {
      bits = BenchmarkData.distinctIpv4(1_000_000, 8);
    }
  }

  /** A set of 100k IPv4 addresses and 1k prefixes, with probes that hit and probes that miss. */
  @State(Scope.Benchmark)
  public static class Lookup {
    AddressSet set;
    IpPrefix[] memberHosts = new IpPrefix[PROBES];
    IpPrefix[] absentHosts = new IpPrefix[PROBES];
    IpPrefix[] coveredHosts = new IpPrefix[PROBES];
    int next;

    @Setup
    public void setUp() {
      SplittableRandom r = new SplittableRandom(9);
      int[] bits = BenchmarkData.distinctIpv4(100_000 + 2 * PROBES, 9);
      AddressSet.Builder b = AddressSet.builder();
      for (int i = 0; i < 100_000; i++) {
        b.addIpv4(bits[i]);
      }
      // Prefixes of eight lengths: matches() does one search per length present.
      int[] lengths = {8, 12, 16, 20, 22, 24, 28, 30};
      IpPrefix[] prefixes = new IpPrefix[1000];
      for (int i = 0; i < prefixes.length; i++) {
        int length = lengths[i % lengths.length];
        prefixes[i] = IpPrefix.ipv4(r.nextInt() & BenchmarkData.mask(length), length);
        b.add(prefixes[i]);
      }
      set = b.build();
      for (int i = 0; i < PROBES; i++) {
        memberHosts[i] = IpPrefix.ipv4(bits[r.nextInt(100_000)], 32);
        IpPrefix absent;
        int k = 100_000 + i;
        do {
          absent = IpPrefix.ipv4(bits[k], 32);
          k += PROBES; // the next candidate if this one falls inside a prefix
        } while (set.matches(absent) && k < bits.length);
        absentHosts[i] = absent;
        IpPrefix net = prefixes[r.nextInt(prefixes.length)];
        int host = r.nextInt() & ~BenchmarkData.mask(net.length());
        coveredHosts[i] = IpPrefix.ipv4(net.ipv4Bits() | host, 32);
      }
    }

    int nextIndex() {
      return next++ & (PROBES - 1);
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public AddressSet buildFromStrings(Literals in) {
    AddressSet.Builder b = AddressSet.builder();
    for (String text : in.texts) {
      b.add(IpPrefix.parse(text));
    }
    return b.build();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(1_000_000)
  public AddressSet buildFromInts(Ints in) {
    AddressSet.Builder b = AddressSet.builder();
    for (int bits : in.bits) {
      b.addIpv4(bits);
    }
    return b.build();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean containsMember(Lookup s) {
    return s.set.contains(s.memberHosts[s.nextIndex()]);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean containsAbsent(Lookup s) {
    return s.set.contains(s.absentHosts[s.nextIndex()]);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean matchesMember(Lookup s) {
    return s.set.matches(s.memberHosts[s.nextIndex()]);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean matchesCovered(Lookup s) {
    return s.set.matches(s.coveredHosts[s.nextIndex()]);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean matchesAbsent(Lookup s) {
    return s.set.matches(s.absentHosts[s.nextIndex()]);
  }
}
