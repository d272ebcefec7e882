package io.github.apiban4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.client.ApibanProtocolException;
import io.github.apiban4j.client.ApibanUnauthorizedException;
import io.github.apiban4j.memory.InMemoryBackend;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.TestAddresses;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The invariants under failure: every one leaves a state from which the next run converges. */
class SyncFailureTest extends SyncTestBase {

  @Test
  void aRateLimitMidPullKeepsWhatWasFetchedAndResumesWithoutRefetching() throws Exception {
    f.apiban.publishMany(2000); // 8 pages
    SyncResult first;
    try (BlocklistSync sync = f.sync().pagesPerCommit(2).listener(new SyncListener() {
      @Override
      public void pageFetched(int page, int accepted, int refused, String nextCursor) {
        if (page == 3) {
          f.apiban.enqueueRateLimit(60);
        }
      }
    }).build()) {
      first = sync.run();
    }

    assertThat(first.complete()).isFalse();
    assertThat(first.stopReason()).contains(StopReason.RATE_LIMITED);
    assertThat(first.pages()).isEqualTo(3);
    assertThat(f.backend.snapshot().size()).as("pages before the 429 are applied").isEqualTo(750);
    String resumeAt = Long.toString(FakeApiban.FIRST_ID + 749);
    assertThat(first.cursorAfter()).isEqualTo(resumeAt);

    int requests = f.apiban.requestCount();
    f.clock.advance(Duration.ofSeconds(30));
    SyncResult held = f.run();
    assertThat(held.mode()).isEqualTo(SyncMode.LOCAL);
    assertThat(held.stopReason()).contains(StopReason.RATE_LIMITED);
    assertThat(f.apiban.requestCount()).as("Retry-After is honoured across runs").isEqualTo(requests);

    f.clock.advance(Duration.ofSeconds(31));
    SyncResult resumed = f.run();
    assertThat(resumed.complete()).isTrue();
    assertThat(resumed.mode()).as("the full resync resumes from its checkpoint").isEqualTo(SyncMode.FULL);
    assertThat(resumed.cursorBefore()).isEqualTo(resumeAt);
    assertThat(f.backend.snapshot().size()).isEqualTo(2000);
    List<String> cursors = f.apiban.cursorsRequested();
    assertThat(cursors.subList(4, cursors.size())).doesNotContain("100",
        Long.toString(FakeApiban.FIRST_ID + 249), Long.toString(FakeApiban.FIRST_ID + 499));
  }

  @Test
  void persistentServerErrorsEndTheRunEarlyWithProgressKept() throws Exception {
    f.apiban.publishMany(600);
    try (BlocklistSync sync = f.sync().pagesPerCommit(1).listener(new SyncListener() {
      @Override
      public void pageFetched(int page, int accepted, int refused, String nextCursor) {
        if (page == 1) {
          f.apiban.enqueue(503, "<html>Service Unavailable</html>");
          f.apiban.enqueue(503, "<html>Service Unavailable</html>");
        }
      }
    }).build()) {
      SyncResult r = sync.run();
      assertThat(r.complete()).isFalse();
      assertThat(r.stopReason()).contains(StopReason.SERVER_ERROR);
      assertThat(r.added()).isEqualTo(250);
    }
    SyncResult next = f.run();
    assertThat(next.complete()).isTrue();
    assertThat(f.backend.snapshot().size()).isEqualTo(600);
  }

  @Test
  void aBadKeyIsAnErrorThatChangesNothing() throws Exception {
    f.apiban.publishMany(10);
    f.run();
    byte[] state = Files.readAllBytes(f.stateFile);
    AddressSet live = f.backend.snapshot();
    f.clock.advance(Duration.ofMinutes(5));
    f.apiban.publish("203.0.113.77");

    try (BlocklistSync sync = f.sync()
        .client(f.client().apiKey(ApiKey.of("WRONGKEY-secret-value")).build()).build()) {
      assertThatThrownBy(sync::run)
          .isInstanceOf(ApibanUnauthorizedException.class)
          .hasMessageContaining("unauthorized")
          .hasMessageNotContaining("WRONGKEY-secret-value");
    }
    assertThat(Files.readAllBytes(f.stateFile)).isEqualTo(state);
    assertThat(f.backend.snapshot()).isEqualTo(live);
  }

  @Test
  void aTruncatedOrGarbledReplyChangesNothing() throws Exception {
    f.apiban.publishMany(10);
    f.run();
    byte[] state = Files.readAllBytes(f.stateFile);
    AddressSet live = f.backend.snapshot();
    f.clock.advance(Duration.ofMinutes(5));
    f.apiban.publish("203.0.113.78");

    f.apiban.enqueue(200, "{\"ipaddress\":[\"203.0.113.78\",\"203.0.11");
    assertThatThrownBy(f::run).isInstanceOf(ApibanProtocolException.class);
    f.apiban.enqueue(200, "<html>proxy error</html>");
    assertThatThrownBy(f::run).isInstanceOf(ApibanProtocolException.class);

    assertThat(Files.readAllBytes(f.stateFile)).isEqualTo(state);
    assertThat(f.backend.snapshot()).isEqualTo(live);
    assertThat(f.events.matching("failed")).hasSize(2);
  }

  @Test
  void aCrashAfterApplyAndBeforeTheStateWriteConverges() throws Exception {
    f.apiban.publishMany(10);
    f.run();
    f.clock.advance(Duration.ofMinutes(5));
    f.apiban.publish("203.0.113.80", "203.0.113.81");
    String cursorBefore = Long.toString(FakeApiban.FIRST_ID + 9);

    RecordingBackend dying = new RecordingBackend(f.backend, true);
    try (BlocklistSync sync = f.sync(dying).build()) {
      assertThatThrownBy(sync::run).hasMessageContaining("process died");
    }
    assertThat(f.backend.snapshot().size()).as("the kernel kept the batch").isEqualTo(12);

    RecordingBackend healthy = new RecordingBackend(f.backend, false);
    try (BlocklistSync sync = f.sync(healthy).build()) {
      SyncResult r = sync.run();
      assertThat(r.cursorBefore()).as("the cursor never ran ahead").isEqualTo(cursorBefore);
      assertThat(r.complete()).isTrue();
    }
    assertThat(f.backend.snapshot().size()).isEqualTo(12);
    assertThat(healthy.removed).as("no entry was dropped while converging").isZero();
    f.clock.advance(Duration.ofMinutes(5));
    assertThat(f.run().added()).isZero();
  }

  @Test
  void aLostSetIsRebuiltFromLocalStateBeforeAnyRequest() throws Exception {
    f.apiban.publishMany(300);
    f.run();
    AddressSet live = f.backend.snapshot();
    f.backend.uninstall(); // a reboot or an administrator's flush
    f.clock.advance(Duration.ofMinutes(5));
    f.apiban.enqueue(503, "down");
    f.apiban.enqueue(503, "down");

    SyncResult r = f.run();

    assertThat(r.repaired()).isEqualTo(300);
    assertThat(r.complete()).isFalse();
    assertThat(f.backend.snapshot()).isEqualTo(live);
    assertThat(f.events.matching("repaired")).containsExactly("repaired +300 -0");
  }

  @Test
  void aCorruptStateIsSetAsideAndRecoveredByAFullResyncThatNeverEmptiesTheSet() throws Exception {
    f.apiban.publishMany(300);
    f.run();
    Files.writeString(f.stateFile, "{\"format\":\"apiban4j-state\",\"version\":1,\"seen\":{\"192.0.");
    RecordingBackend watching = new RecordingBackend(f.backend, false);
    f.clock.advance(Duration.ofMinutes(5));

    SyncResult r;
    try (BlocklistSync sync = f.sync(watching).build()) {
      r = sync.run();
    }

    assertThat(r.mode()).isEqualTo(SyncMode.FULL);
    assertThat(r.complete()).isTrue();
    assertThat(watching.smallestSize).as("never emptied").isEqualTo(300);
    assertThat(f.backend.snapshot().size()).isEqualTo(300);
    assertThat(f.events.matching("recovered")).singleElement().asString()
        .contains("unusable").contains(".corrupt-");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("state.json.corrupt-"));
    }
  }

  @Test
  void aDryRunLeavesEvenACorruptStateWhereItIs() throws Exception {
    f.apiban.publishMany(5);
    f.run();
    Files.writeString(f.stateFile, "not json");
    SyncResult r = f.run(SyncOptions.defaults().withDryRun(true));
    assertThat(r.mode()).isEqualTo(SyncMode.FULL);
    assertThat(Files.readString(f.stateFile)).isEqualTo("not json");
    assertThat(f.events.matching("recovered")).singleElement().asString()
        .contains("a real run sets it aside");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
    }
  }

  @Test
  void aFullResyncNeverShrinksTheLiveSetWhileItRuns() throws Exception {
    f.apiban.publishMany(700);
    f.run();
    RecordingBackend watching = new RecordingBackend(f.backend, false);
    f.clock.advance(Duration.ofMinutes(5));
    try (BlocklistSync sync = f.sync(watching).pagesPerCommit(1).build()) {
      SyncResult r = sync.run(SyncOptions.defaults().withFull(true));
      assertThat(r.mode()).isEqualTo(SyncMode.FULL);
      assertThat(r.pages()).isEqualTo(3);
    }
    assertThat(watching.removed).isZero();
    assertThat(watching.smallestSize).isEqualTo(700);
  }

  @Test
  void aFullSetFailsTheBatchAndKeepsTheCursor() throws Exception {
    f.apiban.publishMany(10);
    InMemoryBackend small = new InMemoryBackend(12);
    try (BlocklistSync sync = f.sync(small).build()) {
      sync.run();
      f.apiban.publishMany(20);
      f.clock.advance(Duration.ofMinutes(5));
      assertThatThrownBy(sync::run).isInstanceOf(FirewallCapacityException.class)
          .hasMessageContaining("capacity");
    }
    assertThat(small.snapshot().size()).isEqualTo(10);
    try (BlocklistSync sync = f.sync(new InMemoryBackend()).build()) {
      SyncResult r = sync.run();
      assertThat(r.cursorBefore()).isEqualTo(Long.toString(FakeApiban.FIRST_ID + 9));
    }
  }

  @Test
  void aSecondWriterGetsAClearError() throws Exception {
    f.apiban.publishMany(10);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (BlocklistSync first = f.sync().listener(new SyncListener() {
      @Override
      public void pageFetched(int page, int accepted, int refused, String nextCursor) {
        inside.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }).build(); BlocklistSync second = f.sync().build()) {
      Future<SyncResult> running = pool.submit(() -> first.run());
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(second::run).isInstanceOf(StateLockedException.class)
          .hasMessageContaining(f.stateFile.toString());
      assertThatThrownBy(first::run).isInstanceOf(StateLockedException.class)
          .hasMessageContaining("this process");

      release.countDown();
      assertThat(running.get(10, TimeUnit.SECONDS).complete()).isTrue();
      assertThat(second.run().complete()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void entriesExpireAfterTheTtlSpreadOverTheWindowNotAllAtOnce() throws Exception {
    f.fullSyncInterval = Duration.ofDays(30);
    f.apiban.publishMany(700);
    f.run();
    // Nothing is reported again and no full resync runs: only the TTL acts.
    f.clock.advance(Duration.ofDays(7).minusMinutes(1));
    SyncResult beforeTtl = f.run();
    assertThat(beforeTtl.expired()).isZero();

    f.clock.advance(Duration.ofMinutes(31));
    SyncResult firstHalfHour = f.run();
    assertThat(firstHalfHour.expired()).as("a half hour of a 12 h window").isBetween(1, 60);

    f.clock.advance(Duration.ofHours(12));
    int expired = firstHalfHour.expired();
    for (int run = 0; run < 20 && !f.backend.snapshot().isEmpty(); run++) {
      SyncResult r = f.run();
      assertThat(r.expired()).as("at most the per-run budget").isLessThanOrEqualTo(100);
      assertThat(r.removed()).isEqualTo(r.expired());
      expired += r.expired();
      f.clock.advance(Duration.ofMinutes(5));
    }
    assertThat(expired).isEqualTo(700);
    assertThat(f.backend.snapshot().isEmpty()).isTrue();
  }

  @Test
  void anEntrySeenAgainLivesOn() throws Exception {
    f.fullSyncInterval = Duration.ofDays(30);
    f.apiban.publish("203.0.113.90", "203.0.113.91");
    f.run();
    f.clock.advance(Duration.ofDays(5));
    f.apiban.publish("203.0.113.90"); // reported again: moves to the end of the feed
    f.run();
    f.clock.advance(Duration.ofDays(3));
    f.run();
    assertThat(f.backend.snapshot()).isEqualTo(AddressSet.of(
        io.github.apiban4j.address.IpPrefix.parse("203.0.113.90")));
  }

  @Test
  void afterAWeekOfflineWhatTheFeedStillListsIsNeverRemoved() throws Exception {
    f.apiban.publishMany(300);
    f.run();
    f.clock.advance(Duration.ofDays(8)); // powered off; the feed re-reported every address meanwhile
    RecordingBackend watching = new RecordingBackend(f.backend, false);
    try (BlocklistSync sync = f.sync(watching).build()) {
      SyncResult r = sync.run();
      assertThat(r.mode()).isEqualTo(SyncMode.FULL);
      assertThat(r.expired()).isZero();
    }
    assertThat(watching.removed).isZero();
    assertThat(f.backend.snapshot().size()).isEqualTo(300);
  }

  @Test
  void afterAWeekOfflineAFullResyncIsNotRefusedForWhatHadExpiredAnyway() throws Exception {
    f.apiban.publishMany(300);
    f.run();
    f.clock.advance(Duration.ofDays(8));
    f.apiban.delist(TestAddresses.many(200).toArray(String[]::new)); // APIBAN let them go too
    f.apiban.publish(TestAddresses.manyIpv6(5_000, 100).toArray(String[]::new));

    SyncResult r = f.run();

    assertThat(r.complete()).isTrue();
    assertThat(r.added()).isEqualTo(100);
    assertThat(r.expired()).as("the budget: a tenth of 400, at least 100").isEqualTo(100);
    f.clock.advance(Duration.ofMinutes(5));
    assertThat(f.run().expired()).isEqualTo(100);
    assertThat(f.backend.snapshot().size()).isEqualTo(200);
  }

  @Test
  void afterAWeekOfflineWithoutTheFeedTheSetDrainsGradually() throws Exception {
    f.apiban.publishMany(700);
    f.run();
    f.clock.advance(Duration.ofDays(8));
    for (int run = 1; run <= 3; run++) {
      f.apiban.enqueue(503, "down");
      f.apiban.enqueue(503, "down");
      SyncResult r = f.run();
      assertThat(r.complete()).isFalse();
      assertThat(r.expired()).as("run " + run).isEqualTo(100);
      f.clock.advance(Duration.ofMinutes(5));
    }
    assertThat(f.backend.snapshot().size()).isEqualTo(400);
  }

  @Test
  void entriesDeletedFromTheBackendArePutBack() throws Exception {
    f.apiban.publishMany(50);
    f.run();
    AddressSet live = f.backend.snapshot();
    AddressSet someGone = live.filter(p -> p.toString().endsWith("7"));
    f.backend.apply(new Diff(AddressSet.empty(), someGone));
    f.backend.apply(new Diff(AddressSet.of(io.github.apiban4j.address.IpPrefix.parse("203.0.113.250")),
        AddressSet.empty())); // someone else's entry in our set is kept, as an adopted one
    f.clock.advance(Duration.ofMinutes(5));

    SyncResult r = f.run();

    assertThat(r.repaired()).isEqualTo(someGone.size());
    assertThat(f.backend.snapshot().minus(live).size()).isEqualTo(1);
    assertThat(live.minus(f.backend.snapshot()).isEmpty()).isTrue();
  }

  @Test
  void aCursorThatDoesNotAdvanceStopsTheRunWithoutCallingItComplete() throws Exception {
    f.apiban.publishMany(10);
    f.apiban.enqueue(200, FakeApiban.json(List.of("203.0.113.1"), "100"));

    SyncResult r = f.run();

    assertThat(r.complete()).isFalse();
    assertThat(r.stopReason()).contains(StopReason.FEED_STALLED);
    assertThat(f.backend.snapshot()).isEqualTo(AddressSet.of(
        io.github.apiban4j.address.IpPrefix.parse("203.0.113.1")));
    f.clock.advance(Duration.ofMinutes(5));
    SyncResult next = f.run();
    assertThat(next.mode()).as("the full resync is still due").isEqualTo(SyncMode.FULL);
    assertThat(next.complete()).isTrue();
    assertThat(f.backend.snapshot().size()).isEqualTo(11);
  }

  @Test
  void aRateLimitWithoutRetryAfterStillHoldsTheNextRunForAWindow() throws Exception {
    f.apiban.publishMany(10);
    f.apiban.enqueueRateLimit(null);
    try (BlocklistSync sync = f.sync().client(f.client().rateLimit(11, Duration.ofMinutes(2))
        .build()).build()) {
      assertThat(sync.run().stopReason()).contains(StopReason.RATE_LIMITED);
    }
    int requests = f.apiban.requestCount();
    f.clock.advance(Duration.ofMinutes(1));
    assertThat(f.run().mode()).isEqualTo(SyncMode.LOCAL);
    assertThat(f.apiban.requestCount()).isEqualTo(requests);
    f.clock.advance(Duration.ofMinutes(1));
    assertThat(f.run().complete()).isTrue();
  }

  @Test
  void aClockThatRanAheadDoesNotStallTheSync() throws Exception {
    f.apiban.publishMany(10);
    f.clock.advance(Duration.ofDays(400)); // the clock was wrong: a year ahead
    f.apiban.enqueueRateLimit(3600);
    f.run();
    f.clock.advance(Duration.ofDays(-400)); // corrected
    f.apiban.publish("203.0.113.9");

    SyncResult r = f.run();

    assertThat(r.mode()).as("a full sync recorded in the future is due again").isEqualTo(SyncMode.FULL);
    assertThat(r.complete()).isTrue();
    assertThat(f.backend.snapshot().size()).isEqualTo(11);
  }

  @Test
  void aFullResyncStartedUnderAClockThatRanAheadStillKeepsWhatTheFeedLists() throws Exception {
    f.apiban.publishMany(150);
    f.clock.advance(Duration.ofHours(6)); // wrong by six hours
    try (BlocklistSync sync = f.sync().pagesPerCommit(1).listener(new SyncListener() {
      @Override
      public void pageFetched(int page, int accepted, int refused, String nextCursor) {
        f.apiban.enqueue(503, "down");
        f.apiban.enqueue(503, "down");
      }
    }).build()) {
      assertThat(sync.run().stopReason()).contains(StopReason.SERVER_ERROR);
    }
    f.clock.advance(Duration.ofHours(-6)); // corrected

    SyncResult resumed = f.run();
    assertThat(resumed.mode()).isEqualTo(SyncMode.FULL);
    assertThat(resumed.complete()).isTrue();
    f.clock.advance(Duration.ofHours(13));
    SyncResult later = f.run();
    assertThat(later.expired()).as("everything listed stays for its TTL").isZero();
    assertThat(f.backend.snapshot().size()).isEqualTo(150);
  }

  @Test
  void hostileTextInAReplyReachesNoMessageRaw() throws Exception {
    // A valid JSON member name holding an escape sequence and a newline, then a broken value.
    f.apiban.enqueue(200, "{\"ev\\u001b[31mil\\nFAKE LOG LINE\":[1,}");
    assertThatThrownBy(f::run).isInstanceOf(ApibanProtocolException.class)
        .satisfies(e -> {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain("\n").doesNotContain("\u001b");
            assertThat(t.toString()).doesNotContain("\n").doesNotContain("\u001b");
          }
        });
  }

  /** Wraps a backend, records what it removes and its smallest size, and can die after applying. */
  static final class RecordingBackend implements FirewallBackend {
    final FirewallBackend delegate;
    final boolean dieAfterApply;
    int removed;
    int smallestSize = Integer.MAX_VALUE;
    final List<Diff> applied = new ArrayList<>();

    RecordingBackend(FirewallBackend delegate, boolean dieAfterApply) {
      this.delegate = delegate;
      this.dieAfterApply = dieAfterApply;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public boolean prepare() throws IOException {
      return delegate.prepare();
    }

    @Override
    public AddressSet current() throws IOException {
      AddressSet c = delegate.current();
      smallestSize = Math.min(smallestSize, c.size());
      return c;
    }

    @Override
    public void apply(Diff diff) throws IOException {
      delegate.apply(diff);
      applied.add(diff);
      removed += diff.toRemove().size();
      smallestSize = Math.min(smallestSize, delegate.current().size());
      if (dieAfterApply) {
        throw new IllegalStateException("process died between the apply and the state write");
      }
    }

    @Override
    public void replace(AddressSet entries) throws IOException {
      delegate.replace(entries);
    }

    @Override
    public void uninstall() throws IOException {
      delegate.uninstall();
    }

    @Override
    public void close() {}
  }
}
