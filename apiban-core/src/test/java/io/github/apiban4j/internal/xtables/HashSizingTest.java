package io.github.apiban4j.internal.xtables;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashSizingTest {

  @Test
  void twiceTheEntriesAsAPowerOfTwoWithinIpsetsBounds() {
    assertThat(HashSizing.forExpected(0)).isEqualTo(1024);
    assertThat(HashSizing.forExpected(2048)).isEqualTo(4096);
    assertThat(HashSizing.forExpected(10_000)).isEqualTo(32768);
    assertThat(HashSizing.forExpected(100_000)).isEqualTo(262144);
    assertThat(HashSizing.forExpected(Integer.MAX_VALUE)).isEqualTo(1 << 20);
    assertThat(HashSizing.forExpected(Long.MAX_VALUE)).isEqualTo(1 << 20);
  }
}
