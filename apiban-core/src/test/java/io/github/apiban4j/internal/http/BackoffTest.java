package io.github.apiban4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exponential backoff with full jitter, checked with a fixed-seed random. */
class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void theCeilingDoublesUpToTheMaximum() {
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void delaysStayWithinZeroAndTheCeilingAndSpreadAcrossIt() {
    Random random = new Random(7);
    for (int retry = 1; retry <= 8; retry++) {
      Duration ceiling = backoff.ceiling(retry);
      List<Duration> delays = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        delays.add(backoff.delay(retry, random));
      }
      assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, ceiling));
      // Full jitter: both the lower and the upper tenth of the range are used.
      assertThat(delays).anySatisfy(d -> assertThat(d).isLessThan(ceiling.dividedBy(10)));
      assertThat(delays).anySatisfy(
          d -> assertThat(d).isGreaterThan(ceiling.multipliedBy(9).dividedBy(10)));
    }
  }

  @Test
  void theSameSeedGivesTheSameDelays() {
    List<Duration> first = new ArrayList<>();
    List<Duration> second = new ArrayList<>();
    Random a = new Random(42);
    Random b = new Random(42);
    for (int retry = 1; retry <= 5; retry++) {
      first.add(backoff.delay(retry, a));
      second.add(backoff.delay(retry, b));
    }
    assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
  }

  @Test
  void hugeValuesDoNotOverflow() {
    Backoff huge = new Backoff(Duration.ofDays(365), Duration.ofDays(365 * 1000));

    assertThat(huge.ceiling(60)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(huge.delay(60, new Random(1)).isNegative()).isFalse();
  }

  @Test
  void arguments() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("initial must be positive");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("max must not be less than initial");
    assertThatThrownBy(() -> backoff.ceiling(0)).hasMessage("retry must be at least 1");
  }
}
