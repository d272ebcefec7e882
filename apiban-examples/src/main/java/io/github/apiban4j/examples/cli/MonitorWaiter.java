package io.github.apiban4j.examples.cli;

import java.time.Duration;

/** Waits on a monitor, woken early by {@link #wake()}: the daemon's real clock. */
final class MonitorWaiter implements DaemonLoop.Waiter {
  private boolean woken;

  @Override
  public synchronized void await(Duration delay) throws InterruptedException {
    long deadline = System.nanoTime() + delay.toNanos();
    while (!woken) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    woken = false;
  }

  @Override
  public synchronized void wake() {
    woken = true;
    notifyAll();
  }
}
