package io.github.apiban4j.client;

import io.github.apiban4j.internal.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when told to, and a sleeper that moves it instead of waiting. */
final class FakeTime extends Clock implements Sleeper {
  static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

  private Instant now;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  FakeTime() {
    this(START);
  }

  FakeTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    advance(duration);
  }

  /** Every wait asked for, in order. */
  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
