package io.github.apiban4j.address;

/**
 * In-place sort of fixed-width long records (an IPv6 address is two longs, an IPv6 prefix three),
 * ordered lexicographically by signed comparison. Quicksort with a median-of-three pivot and
 * insertion sort for short ranges; no boxing and no index arrays.
 */
final class RecordSort {
  private static final int INSERTION_THRESHOLD = 16;

  private RecordSort() {}

  static void sort(long[] a, int n, int width) {
    long[] pivot = new long[width];
    sort(a, 0, n - 1, width, pivot, 2 * (32 - Integer.numberOfLeadingZeros(Math.max(n, 1))));
  }

  private static void sort(long[] a, int lo, int hi, int w, long[] pivot, int depth) {
    while (hi - lo >= INSERTION_THRESHOLD) {
      if (depth-- == 0) {
        heapSort(a, lo, hi, w);
        return;
      }
      int mid = (lo + hi) >>> 1;
      if (Lanes.compare(a, mid, a, lo, w) < 0) {
        swap(a, mid, lo, w);
      }
      if (Lanes.compare(a, hi, a, lo, w) < 0) {
        swap(a, hi, lo, w);
      }
      if (Lanes.compare(a, hi, a, mid, w) < 0) {
        swap(a, hi, mid, w);
      }
      System.arraycopy(a, mid * w, pivot, 0, w);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (Lanes.compare(a, i, pivot, 0, w) < 0) {
          i++;
        }
        while (Lanes.compare(a, j, pivot, 0, w) > 0) {
          j--;
        }
        if (i <= j) {
          swap(a, i++, j--, w);
        }
      }
      // Recurse into the smaller side and loop on the larger: stack depth stays logarithmic.
      if (j - lo < hi - i) {
        sort(a, lo, j, w, pivot, depth);
        lo = i;
      } else {
        sort(a, i, hi, w, pivot, depth);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      for (int j = i; j > lo && Lanes.compare(a, j, a, j - 1, w) < 0; j--) {
        swap(a, j, j - 1, w);
      }
    }
  }

  private static void heapSort(long[] a, int lo, int hi, int w) {
    int n = hi - lo + 1;
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDown(a, lo, i, n, w);
    }
    for (int end = n - 1; end > 0; end--) {
      swap(a, lo, lo + end, w);
      siftDown(a, lo, 0, end, w);
    }
  }

  private static void siftDown(long[] a, int base, int i, int n, int w) {
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        return;
      }
      if (child + 1 < n && Lanes.compare(a, base + child + 1, a, base + child, w) > 0) {
        child++;
      }
      if (Lanes.compare(a, base + i, a, base + child, w) >= 0) {
        return;
      }
      swap(a, base + i, base + child, w);
      i = child;
    }
  }

  private static void swap(long[] a, int i, int j, int w) {
    int x = i * w;
    int y = j * w;
    for (int k = 0; k < w; k++) {
      long t = a[x + k];
      a[x + k] = a[y + k];
      a[y + k] = t;
    }
  }
}
