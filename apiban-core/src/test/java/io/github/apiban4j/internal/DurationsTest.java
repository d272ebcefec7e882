package io.github.apiban4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsUnitsAndIso() {
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse(" 90s ")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void rejectsEverythingElse() {
    for (String bad : new String[] {"", "7", "d", "7 d", "-7d", "7w", "PT-5M", "7d;rm", "1.5h"}) {
      assertThatThrownBy(() -> Durations.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a duration");
    }
  }

  @Test
  void formatsWhatItReads() {
    for (Duration d : new Duration[] {Duration.ofDays(7), Duration.ofMinutes(90),
        Duration.ofMillis(1500), Duration.ZERO}) {
      assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
    assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
  }
}
