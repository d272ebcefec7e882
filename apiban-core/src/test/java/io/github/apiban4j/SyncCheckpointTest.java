package io.github.apiban4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How often a long pull checkpoints: every {@code pagesPerCommit} pages when they come seconds
 * apart, and ever less often on an unpaced pull into a large state, where each checkpoint rewrites
 * the whole file.
 */
class SyncCheckpointTest extends SyncTestBase {
  private static final int ENTRIES = 10_000;
  private static final int PAGES = ENTRIES / 250;

  private int checkpoints(boolean paced) throws Exception {
    f.apiban.publishMany(ENTRIES);
    AtomicInteger committed = new AtomicInteger();
    SyncResult r;
    try (BlocklistSync sync = f.sync().pagesPerCommit(1).listener(new SyncListener() {
      @Override
      public void pageFetched(int page, int accepted, int refused, String nextCursor) {
        if (paced) {
          f.clock.advance(Duration.ofSeconds(11)); // APIBAN's 11 requests per 2 minutes
        }
      }

      @Override
      public void committed(io.github.apiban4j.address.Diff diff, String cursor) {
        committed.incrementAndGet();
      }
    }).build()) {
      r = sync.run();
    }
    assertThat(r.complete()).isTrue();
    assertThat(r.added()).isEqualTo(ENTRIES);
    assertThat(f.backend.snapshot().size()).isEqualTo(ENTRIES);
    return committed.get();
  }

  @Test
  void aPacedPullCheckpointsEveryPage() throws Exception {
    assertThat(checkpoints(true)).isGreaterThanOrEqualTo(PAGES);
  }

  @Test
  void anUnpacedPullCheckpointsOnceWhatItGatheredIsAnEighthOfTheState() throws Exception {
    // 8 pages to reach 2,000 entries, then about ln(5) / ln(1.125) = 14 steps of an eighth,
    // where every page would be 40.
    assertThat(checkpoints(false)).isBetween(16, 26);
  }

  @Test
  void aRunStoppedBetweenCheckpointsKeepsWhatItFetched() throws Exception {
    f.apiban.publishMany(ENTRIES);
    try (BlocklistSync sync = f.sync().pagesPerCommit(1).listener(new SyncListener() {
      @Override
      public void pageFetched(int page, int accepted, int refused, String nextCursor) {
        if (page == PAGES / 2) {
          f.apiban.enqueueRateLimit(60);
        }
      }
    }).build()) {
      SyncResult r = sync.run();
      assertThat(r.stopReason()).contains(StopReason.RATE_LIMITED);
      assertThat(r.added()).isEqualTo(PAGES / 2 * 250);
    }
    assertThat(f.backend.snapshot().size()).isEqualTo(PAGES / 2 * 250);
    f.clock.advance(Duration.ofMinutes(2));
    SyncResult next = f.run();
    assertThat(next.complete()).isTrue();
    assertThat(f.backend.snapshot().size()).isEqualTo(ENTRIES);
    assertThat(f.apiban.requestCount()).as("no page fetched twice").isEqualTo(PAGES + 2); // and the 429, and the empty reply at the end
  }
}
