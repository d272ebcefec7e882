package io.github.apiban4j.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.StopReason;
import io.github.apiban4j.SyncMode;
import io.github.apiban4j.SyncResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

  @Test
  void serverAndNetworkStopsCountAsFailuresARateLimitDoesNot() {
    assertThat(RetryDelay.countsAsFailure(stoppedBy(StopReason.SERVER_ERROR))).isTrue();
    assertThat(RetryDelay.countsAsFailure(stoppedBy(StopReason.NETWORK_ERROR))).isTrue();
    assertThat(RetryDelay.countsAsFailure(stoppedBy(StopReason.RATE_LIMITED))).isFalse();
    assertThat(RetryDelay.countsAsFailure(stoppedBy(null))).isFalse();
  }

  private static SyncResult stoppedBy(StopReason reason) {
    return new SyncResult("memory", SyncMode.INCREMENTAL, false, reason == null,
        Optional.ofNullable(reason), Optional.empty(), 1, 0, 0, 0, 0, 0, Map.of(), "100", "100",
        0, Duration.ZERO);
  }
}
