package io.github.apiban4j.bench;

import java.io.IOException;
import java.util.Arrays;

/** Timings of one step, in nanoseconds, in the order they were taken. */
final class Samples {
  private long[] nanos = new long[8];
  private int count;

  /** Runs {@code step} and keeps how long it took. */
  void time(Side.Step step) throws IOException {
    long start = System.nanoTime();
    step.run();
    add(System.nanoTime() - start);
  }

  void add(long elapsedNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = elapsedNanos;
  }

  /** Each timing in milliseconds. */
  double[] millis() {
    return Arrays.stream(nanos, 0, count).mapToDouble(n -> n / 1e6).toArray();
  }

  /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }
}
