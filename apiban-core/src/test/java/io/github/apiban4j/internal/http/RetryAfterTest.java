package io.github.apiban4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @Test
  void deltaSeconds() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void httpDate() {
    assertThat(RetryAfter.parse("Tue, 24 Nov 2026 12:05:00 GMT", NOW))
        .contains(Duration.ofMinutes(5));
    assertThat(RetryAfter.parse("Tue, 24 Nov 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void absurdWaitsAreCutToADay() {
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(RetryAfter.MAX);
    assertThat(RetryAfter.parse("Fri, 24 Nov 2034 12:00:00 GMT", NOW)).contains(RetryAfter.MAX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "-5", "1.5", "12 s", "2026-11-24T12:05:00Z"})
  void unreadableValuesAreIgnored(String value) {
    assertThat(RetryAfter.parse(value, NOW)).isEmpty();
  }

  @Test
  void anAbsentHeaderIsEmpty() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
  }
}
