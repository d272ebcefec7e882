package io.github.apiban4j.bench;

import java.time.Duration;

/** What the harness is doing, on stderr, with the time since it started. */
final class Progress {
  private final long start = System.nanoTime();

  void say(String what) {
    Duration d = Duration.ofNanos(System.nanoTime() - start);
    System.err.printf("[%3d:%02d] %s%n", d.toMinutes(), d.toSecondsPart(), what);
  }
}
