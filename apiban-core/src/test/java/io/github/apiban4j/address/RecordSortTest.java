package io.github.apiban4j.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RecordSort against a reference: boxing the records and sorting them with Arrays.sort. */
class RecordSortTest {

  @ParameterizedTest(name = "width {0}, {1} records, {2}")
  @CsvSource({
      "2, 0,      random", "3, 0,      random",
      "2, 1,      random", "3, 1,      random",
      "2, 2,      random", "3, 2,      random",
      "2, 15,     random", "3, 16,     random",
      "2, 17,     random", "3, 17,     random",
      "2, 1000,   random", "3, 1000,   random",
      "2, 100000, random", "3, 100000, random",
      "2, 100000, fewValues", "3, 100000, fewValues",
      "2, 100000, twoValues", "3, 100000, twoValues",
      "2, 50000,  allEqual", "3, 50000,  allEqual",
      "2, 50000,  sorted", "3, 50000,  sorted",
      "2, 50000,  reversed", "3, 50000,  reversed",
      "2, 50000,  organPipe", "3, 50000,  organPipe",
      "2, 50000,  sawtooth", "3, 50000,  sawtooth",
      "2, 50000,  sortedWithNoise", "3, 50000,  sortedWithNoise",
      "2, 50000,  sameFirstLong", "3, 50000,  sameLastLongs",
      "2, 50000,  signBoundary", "3, 50000,  signBoundary",
  })
  void sortsLikeTheReference(int width, int n, String shape) {
    long[] a = generate(width, n, shape, new SplittableRandom(n * 31L + width));
    long[] expected = referenceSort(a, n, width);
    RecordSort.sort(a, n, width);
    assertThat(a).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"2", "3"})
  void sortsOnlyThePrefixOfTheArray(int width) {
    SplittableRandom r = new SplittableRandom(5);
    long[] a = generate(width, 1000, "random", r);
    long[] tail = Arrays.copyOfRange(a, 600 * width, a.length);
    RecordSort.sort(a, 600, width);
    assertThat(Arrays.copyOfRange(a, 0, 600 * width))
        .isEqualTo(referenceSort(Arrays.copyOf(a, 600 * width), 600, width));
    assertThat(Arrays.copyOfRange(a, 600 * width, a.length)).isEqualTo(tail);
  }

  private static long[] generate(int width, int n, String shape, SplittableRandom r) {
    long[] a = new long[n * width];
    switch (shape) {
      case "random":
        fill(a, r::nextLong);
        break;
      case "fewValues":
        fill(a, () -> r.nextInt(4));
        break;
      case "twoValues":
        fill(a, () -> r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
        break;
      case "allEqual":
        fill(a, () -> 42);
        break;
      case "sorted":
      case "reversed":
      case "sortedWithNoise":
        for (int i = 0; i < n; i++) {
          int rank = shape.equals("reversed") ? n - i : i;
          a[i * width] = rank / 3; // runs of equal first longs
          a[i * width + 1] = rank;
        }
        if (shape.equals("sortedWithNoise")) {
          for (int k = 0; k < n / 100; k++) {
            a[r.nextInt(n) * width + 1] = r.nextLong();
          }
        }
        break;
      case "organPipe":
        for (int i = 0; i < n; i++) {
          a[i * width] = Math.min(i, n - i);
        }
        break;
      case "sawtooth":
        for (int i = 0; i < n; i++) {
          a[i * width] = i % 97;
          a[i * width + width - 1] = -(i % 13);
        }
        break;
      case "sameFirstLong":
        for (int i = 0; i < n; i++) {
          a[i * width] = 0x20010db800000000L;
          a[i * width + 1] = r.nextLong();
        }
        break;
      case "sameLastLongs":
        for (int i = 0; i < n; i++) {
          a[i * width] = r.nextInt(1000);
          a[i * width + 1] = Long.MIN_VALUE;
          a[i * width + 2] = 64;
        }
        break;
      case "signBoundary":
        fill(a, () -> r.nextBoolean() ? Long.MIN_VALUE + r.nextInt(3) : Long.MAX_VALUE
            - r.nextInt(3));
        break;
      default:
        throw new IllegalArgumentException(shape);
    }
    return a;
  }

  private static void fill(long[] a, LongSupplier values) {
    for (int i = 0; i < a.length; i++) {
      a[i] = values.getAsLong();
    }
  }

  private static long[] referenceSort(long[] a, int n, int width) {
    long[][] rows = new long[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(a, i * width, (i + 1) * width);
    }
    Arrays.sort(rows, Arrays::compare); // lexicographic, signed: the lane order
    long[] out = Arrays.copyOf(a, a.length);
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows[i], 0, out, i * width, width);
    }
    return out;
  }
}
