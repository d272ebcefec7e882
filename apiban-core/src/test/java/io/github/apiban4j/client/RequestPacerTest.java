package io.github.apiban4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token bucket, on a fake clock: bursts, refill, holds, and interrupts. */
class RequestPacerTest {
  private static final Duration INTERVAL = Duration.ofMinutes(2).dividedBy(11);

  private final FakeTime time = new FakeTime();
  private final RequestPacer pacer = RequestPacer.create(11, Duration.ofMinutes(2), time, time);

  private void acquire(int n) throws InterruptedException {
    for (int i = 0; i < n; i++) {
      pacer.acquire();
    }
  }

  @Test
  void elevenGoAtOnceAndTheTwelfthWaitsATenthOfTheWindow() throws Exception {
    acquire(11);
    assertThat(time.sleeps()).isEmpty();
    assertThat(pacer.delayUntilNextPermit()).isEqualTo(INTERVAL);

    pacer.acquire();

    assertThat(time.sleeps()).hasSize(1);
    assertThat(time.slept()).isBetween(Duration.ofMillis(10_909), Duration.ofMillis(10_910));
  }

  @Test
  void afterTheBurstEachRequestWaitsOneInterval() throws Exception {
    acquire(11);

    acquire(11);

    assertThat(time.sleeps()).hasSize(11);
    assertThat(time.slept()).isBetween(Duration.ofMinutes(2).minusMillis(1), Duration.ofMinutes(2));
  }

  @Test
  void aQuietWindowRefillsTheBucket() throws Exception {
    acquire(11);
    time.advance(Duration.ofMinutes(2));

    acquire(11);

    assertThat(time.sleeps()).isEmpty();
    assertThat(pacer.delayUntilNextPermit()).isEqualTo(INTERVAL);
  }

  @Test
  void partialRefillGivesOnePermitPerInterval() throws Exception {
    acquire(11);
    time.advance(INTERVAL.multipliedBy(3));

    acquire(3);

    assertThat(time.sleeps()).isEmpty();
    assertThat(pacer.delayUntilNextPermit()).isEqualTo(INTERVAL);
  }

  @Test
  void holdUntilBlocksEveryPermitUntilThen() throws Exception {
    pacer.holdUntil(FakeTime.START.plusSeconds(90));

    assertThat(pacer.delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(90));
    pacer.acquire();

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(90));
    assertThat(time.instant()).isEqualTo(FakeTime.START.plusSeconds(90));
  }

  @Test
  void anEarlierHoldDoesNotShortenALaterOne() {
    pacer.holdUntil(FakeTime.START.plusSeconds(90));
    pacer.holdUntil(FakeTime.START.plusSeconds(10));

    assertThat(pacer.delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aHoldInThePastChangesNothing() throws Exception {
    pacer.holdUntil(FakeTime.START.minusSeconds(30));

    acquire(11);

    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void unlimitedNeverWaitsButHonoursAHold() throws Exception {
    RequestPacer unlimited = RequestPacer.unlimited(time, time);
    for (int i = 0; i < 1000; i++) {
      unlimited.acquire();
    }
    assertThat(time.sleeps()).isEmpty();
    assertThat(unlimited.isUnlimited()).isTrue();

    unlimited.holdUntil(FakeTime.START.plusSeconds(5));
    unlimited.acquire();

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void anInterruptedThreadGetsNoPermit() throws Exception {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(pacer::acquire).isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
    // The failed acquire took nothing: the full burst is still there.
    acquire(11);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aClockThatJumpsBackNeverMeansAWaitLongerThanTheWindow() throws Exception {
    acquire(11);
    time.advance(Duration.ofHours(-1));

    assertThat(pacer.delayUntilNextPermit()).isLessThanOrEqualTo(Duration.ofMinutes(2));
    pacer.acquire();
    assertThat(time.slept()).isLessThanOrEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void arguments() {
    assertThatThrownBy(() -> RequestPacer.of(0, Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requests must be at least 1; use unlimited() for no limit");
    assertThatThrownBy(() -> RequestPacer.of(11, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window must be positive");
    assertThat(RequestPacer.of(11, Duration.ofMinutes(2)).isUnlimited()).isFalse();
    assertThat(RequestPacer.unlimited()).hasToString("RequestPacer[unlimited]");
  }
}
