package io.github.apiban4j.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IntRadixSort against Arrays.sort, on both sides of its threshold and on awkward shapes. */
class IntRadixSortTest {

  @ParameterizedTest(name = "{0} ints, {1}")
  @CsvSource({
      "0,      random", "1, random", "4095, random", "4096, random", "4097, random",
      "100000, random", "100000, fewValues", "100000, signBoundary", "100000, oneSlash16",
      "50000,  allEqual", "50000, sorted", "50000, reversed", "50000, duplicatesOfEach",
  })
  void sortsLikeArraysSort(int n, String shape) {
    SplittableRandom r = new SplittableRandom(n * 17L + shape.hashCode());
    int[] a = new int[n + 5]; // a tail past n that must stay as it is
    for (int i = 0; i < a.length; i++) {
      a[i] = switch (shape) {
        case "random" -> r.nextInt();
        case "fewValues" -> r.nextInt(3) - 1;
        case "signBoundary" -> r.nextBoolean() ? Integer.MIN_VALUE + r.nextInt(4)
            : Integer.MAX_VALUE - r.nextInt(4);
        case "oneSlash16" -> 0xC6336400 ^ Integer.MIN_VALUE | r.nextInt(1 << 16);
        case "allEqual" -> 7;
        case "sorted" -> i * 3 - n;
        case "reversed" -> n - i * 3;
        case "duplicatesOfEach" -> r.nextInt(n / 2 + 1) * 1_000_003;
        default -> throw new IllegalArgumentException(shape);
      };
    }
    int[] expected = a.clone();
    Arrays.sort(expected, 0, n);

    IntRadixSort.sort(a, n);

    assertThat(a).isEqualTo(expected);
  }
}
