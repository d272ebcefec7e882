package io.github.apiban4j.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryDelayTest {
  @Test
  void backoffDoublesUpToAnHourOrTheInterval() {
    Duration five = Duration.ofMinutes(5);
    assertThat(RetryDelay.afterFailures(five, 0)).isEqualTo(five);
    assertThat(RetryDelay.afterFailures(five, 1)).isEqualTo(Duration.ofMinutes(10));
    assertThat(RetryDelay.afterFailures(five, 2)).isEqualTo(Duration.ofMinutes(20));
    assertThat(RetryDelay.afterFailures(five, 4)).isEqualTo(Duration.ofHours(1));
    assertThat(RetryDelay.afterFailures(five, 60)).isEqualTo(Duration.ofHours(1));
    assertThat(RetryDelay.afterFailures(Duration.ofHours(2), 3)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void jitterLengthensByAtMostTheFraction() {
    Duration five = Duration.ofMinutes(5);
    assertThat(RetryDelay.jittered(five, 0.1, 0)).isEqualTo(five);
    assertThat(RetryDelay.jittered(five, 0.1, 0.5)).isEqualTo(Duration.ofSeconds(315));
    assertThat(RetryDelay.jittered(five, 0.1, 0.999_999)).isLessThan(Duration.ofSeconds(330));
    assertThat(RetryDelay.jittered(five, 0, 0.7)).isEqualTo(five);
  }
}
