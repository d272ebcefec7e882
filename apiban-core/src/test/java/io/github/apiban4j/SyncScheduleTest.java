package io.github.apiban4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.client.RequestPacer;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncScheduleTest extends SyncTestBase {

  @Test
  void runsOnTheIntervalOneAtATimeAndStopsOnClose() throws Exception {
    f.apiban.publishMany(10);
    CountDownLatch twoRuns = new CountDownLatch(2);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    BlocklistSync sync = f.sync().listener(new SyncListener() {
      @Override
      public void runStarted(SyncMode mode, String cursor, boolean dryRun) {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      }

      @Override
      public void runFinished(SyncResult result) {
        concurrent.decrementAndGet();
        finished.incrementAndGet();
        twoRuns.countDown();
      }
    }).build();
    sync.start(Duration.ofSeconds(1));
    assertThatThrownBy(() -> sync.start(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(twoRuns.await(20, TimeUnit.SECONDS)).isTrue();
    sync.close();
    int afterClose = finished.get();

    assertThat(maxConcurrent.get()).isEqualTo(1);
    assertThat(f.backend.snapshot().size()).isEqualTo(10);
    assertThatThrownBy(() -> sync.start(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThat(finished.get()).as("no run after close returned").isEqualTo(afterClose);
  }

  @Test
  void closeInterruptsARunWaitingForTheRateLimitAndKeepsItsProgress() throws Exception {
    f.apiban.publishMany(600);
    CopyOnWriteArrayList<SyncResult> results = new CopyOnWriteArrayList<>();
    CountDownLatch firstPage = new CountDownLatch(1);
    BlocklistSync sync = f.sync()
        .client(f.client().pacer(RequestPacer.of(1, Duration.ofHours(1))).build())
        .shutdownGrace(Duration.ZERO)
        .listener(new SyncListener() {
          @Override
          public void pageFetched(int page, int accepted, int refused, String nextCursor) {
            firstPage.countDown();
          }

          @Override
          public void runFinished(SyncResult result) {
            results.add(result);
          }
        }).build();
    sync.start(Duration.ofSeconds(1));
    assertThat(firstPage.await(20, TimeUnit.SECONDS)).isTrue();

    sync.close();

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.complete()).isFalse();
      assertThat(r.stopReason()).contains(StopReason.INTERRUPTED);
      assertThat(r.added()).isEqualTo(250);
    });
    assertThat(f.backend.snapshot().size()).isEqualTo(250);
  }

}
