package io.github.apiban4j.address;

import java.util.Arrays;

/**
 * Sorted primitive arrays ("lanes") and the linear merges over them. A lane is either an {@code int[]}
 * of single IPv4 addresses or a {@code long[]} of fixed-width records (1, 2 or 3 longs each). Values
 * are stored with their sign bit flipped, so that signed order equals unsigned address order and the
 * JDK's primitive sort and search apply unchanged.
 */
final class Lanes {
  static final int[] NO_INTS = new int[0];
  static final long[] NO_LONGS = new long[0];

  private Lanes() {}

  /** Sorts the first {@code n} ints and drops duplicates; returns a right-sized array. */
  static int[] sortedDistinct(int[] a, int n, boolean sorted) {
    if (!sorted) {
      IntRadixSort.sort(a, n);
    }
    int w = 0;
    for (int r = 0; r < n; r++) {
      if (w == 0 || a[r] != a[w - 1]) {
        a[w++] = a[r];
      }
    }
    return w == a.length ? a : Arrays.copyOf(a, w);
  }

  /** Sorts the first {@code n} records of width {@code width} and drops duplicates. */
  static long[] sortedDistinct(long[] a, int n, int width, boolean sorted) {
    if (!sorted) {
      if (width == 1) {
        Arrays.sort(a, 0, n);
      } else {
        RecordSort.sort(a, n, width);
      }
    }
    int w = 0;
    for (int r = 0; r < n; r++) {
      if (w == 0 || compare(a, r, a, w - 1, width) != 0) {
        System.arraycopy(a, r * width, a, w * width, width);
        w++;
      }
    }
    return w * width == a.length ? a : Arrays.copyOf(a, w * width);
  }

  static int compare(long[] a, int i, long[] b, int j, int width) {
    int ai = i * width;
    int bj = j * width;
    for (int k = 0; k < width; k++) {
      int c = Long.compare(a[ai + k], b[bj + k]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Index of the record equal to {@code key}, or a negative value. */
  static int search(long[] a, int width, long[] key) {
    int lo = 0;
    int hi = a.length / width - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(a, mid, key, 0, width);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The result of one merge pass: entries only in the left lane and only in the right lane. */
  record IntSplit(int[] onlyLeft, int[] onlyRight) {}

  record LongSplit(long[] onlyLeft, long[] onlyRight) {}

  /** One linear pass over two sorted distinct int lanes. */
  static IntSplit split(int[] a, int[] b) {
    // Guess capacities from the size difference; the buffers grow if the guess is short.
    int[] left = new int[Math.max(16, a.length - b.length)];
    int[] right = new int[Math.max(16, b.length - a.length)];
    int nl = 0;
    int nr = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      int x = a[i];
      int y = b[j];
      if (x == y) {
        i++;
        j++;
      } else if (x < y) {
        if (nl == left.length) {
          left = Arrays.copyOf(left, nl * 2);
        }
        left[nl++] = x;
        i++;
      } else {
        if (nr == right.length) {
          right = Arrays.copyOf(right, nr * 2);
        }
        right[nr++] = y;
        j++;
      }
    }
    int restA = a.length - i;
    int restB = b.length - j;
    left = Arrays.copyOf(left, nl + restA);
    System.arraycopy(a, i, left, nl, restA);
    right = Arrays.copyOf(right, nr + restB);
    System.arraycopy(b, j, right, nr, restB);
    return new IntSplit(left, right);
  }

  /** One linear pass over two sorted distinct record lanes. */
  static LongSplit split(long[] a, long[] b, int width) {
    LongBuffer left = new LongBuffer(Math.max(16, a.length - b.length));
    LongBuffer right = new LongBuffer(Math.max(16, b.length - a.length));
    int na = a.length / width;
    int nb = b.length / width;
    int i = 0;
    int j = 0;
    while (i < na && j < nb) {
      int c = compare(a, i, b, j, width);
      if (c == 0) {
        i++;
        j++;
      } else if (c < 0) {
        left.add(a, i++ * width, width);
      } else {
        right.add(b, j++ * width, width);
      }
    }
    left.add(a, i * width, (na - i) * width);
    right.add(b, j * width, (nb - j) * width);
    return new LongSplit(left.toArray(), right.toArray());
  }

  static int[] union(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      int x = a[i];
      int y = b[j];
      if (x <= y) {
        out[n++] = x;
        i++;
        if (x == y) {
          j++;
        }
      } else {
        out[n++] = y;
        j++;
      }
    }
    while (i < a.length) {
      out[n++] = a[i++];
    }
    while (j < b.length) {
      out[n++] = b[j++];
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  static long[] union(long[] a, long[] b, int width) {
    LongBuffer out = new LongBuffer(a.length + b.length);
    int na = a.length / width;
    int nb = b.length / width;
    int i = 0;
    int j = 0;
    while (i < na && j < nb) {
      int c = compare(a, i, b, j, width);
      if (c <= 0) {
        out.add(a, i++ * width, width);
        if (c == 0) {
          j++;
        }
      } else {
        out.add(b, j++ * width, width);
      }
    }
    out.add(a, i * width, (na - i) * width);
    out.add(b, j * width, (nb - j) * width);
    return out.toArray();
  }

  /** A growable long array. */
  static final class LongBuffer {
    private long[] data;
    private int size;

    LongBuffer(int capacity) {
      data = new long[Math.max(capacity, 4)];
    }

    void add(long v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    void add(long[] src, int from, int count) {
      if (size + count > data.length) {
        data = Arrays.copyOf(data, Math.max(size + count, size * 2));
      }
      System.arraycopy(src, from, data, size, count);
      size += count;
    }

    int size() {
      return size;
    }

    long[] raw() {
      return data;
    }

    long[] toArray() {
      return size == 0 ? NO_LONGS : size == data.length ? data : Arrays.copyOf(data, size);
    }
  }

  /** A growable int array. */
  static final class IntBuffer {
    private int[] data;
    private int size;

    IntBuffer(int capacity) {
      data = new int[Math.max(capacity, 4)];
    }

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    int size() {
      return size;
    }

    int[] raw() {
      return data;
    }
  }
}
