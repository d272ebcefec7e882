package io.github.apiban4j.address;

import java.util.Arrays;

/**
 * Sorts ints in signed order by least-significant-digit radix: three stable passes of 11 bits, each
 * linear in the count. A kernel's listing of a set comes in hash order, and at 100,000 addresses
 * this sorts it about ten times faster than {@link Arrays#sort(int[])}; below {@link #THRESHOLD}
 * the comparison sort is as fast and needs no second array.
 */
final class IntRadixSort {
  /** Fewer ints than this go to {@link Arrays#sort(int[], int, int)}. */
  static final int THRESHOLD = 4096;

  private static final int BITS = 11;
  private static final int RADIX = 1 << BITS;
  private static final int MASK = RADIX - 1;

  private IntRadixSort() {}

  /** Sorts the first {@code n} ints of {@code a}; the rest is left as it is. */
  static void sort(int[] a, int n) {
    if (n < THRESHOLD) {
      Arrays.sort(a, 0, n);
      return;
    }
    int[] from = a;
    int[] to = new int[n];
    int[] start = new int[RADIX + 1];
    for (int shift = 0; shift < Integer.SIZE; shift += BITS) {
      Arrays.fill(start, 0);
      for (int i = 0; i < n; i++) {
        start[digit(from[i], shift) + 1]++;
      }
      if (oneDigit(start, n)) {
        continue; // every value has the same digit here: this pass would move nothing
      }
      for (int d = 0; d < RADIX; d++) {
        start[d + 1] += start[d];
      }
      for (int i = 0; i < n; i++) {
        int v = from[i];
        to[start[digit(v, shift)]++] = v;
      }
      int[] t = from;
      from = to;
      to = t;
    }
    if (from != a) {
      System.arraycopy(from, 0, a, 0, n);
    }
  }

  /** The digit at {@code shift}, the sign bit flipped so that digits ascend in signed order. */
  private static int digit(int v, int shift) {
    return (v ^ Integer.MIN_VALUE) >>> shift & MASK;
  }

  private static boolean oneDigit(int[] counts, int n) {
    for (int c : counts) {
      if (c == n) {
        return true;
      }
    }
    return false;
  }
}
