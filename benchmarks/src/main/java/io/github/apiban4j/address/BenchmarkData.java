package io.github.apiban4j.address;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Deterministic inputs for the address benchmarks: the same seed gives the same data. */
final class BenchmarkData {
  private BenchmarkData() {}

  /** {@code n} distinct random IPv4 addresses (as ints, network order) in random order. */
  static int[] distinctIpv4(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] out = new int[n];
    int filled = 0;
    while (filled < n) {
      // Draw a few more than missing, then sort and drop duplicates (about n^2 / 2^33 of them).
      int[] draw = Arrays.copyOf(out, n + (n - filled) / 64 + 16);
      for (int i = filled; i < draw.length; i++) {
        draw[i] = r.nextInt();
      }
      Arrays.sort(draw);
      int w = 0;
      for (int i = 0; i < draw.length; i++) {
        if (w == 0 || draw[i] != draw[w - 1]) {
          draw[w++] = draw[i];
        }
      }
      filled = Math.min(w, n);
      System.arraycopy(draw, 0, out, 0, filled);
    }
    shuffle(out, r);
    return out;
  }

  static void shuffle(int[] a, SplittableRandom r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** The IPv4 network mask of a prefix length (public API only: this module is a client). */
  static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  static String ipv4Text(int bits) {
    return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "."
        + (bits & 0xFF);
  }
}
