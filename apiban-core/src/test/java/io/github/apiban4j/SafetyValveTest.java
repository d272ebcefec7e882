package io.github.apiban4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.TestAddresses;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A feed that would change a non-trivial live set too much at once is refused unless forced. */
class SafetyValveTest extends SyncTestBase {

  @Test
  void aFullResyncThatNoLongerListsMostEntriesIsRefusedUntilForced() throws Exception {
    f.apiban.publishMany(300);
    f.run();
    f.apiban.delist(TestAddresses.many(200).toArray(String[]::new)); // a truncated list
    f.clock.advance(Duration.ofMinutes(5));
    SyncOptions full = SyncOptions.defaults().withFull(true);

    assertThatThrownBy(() -> f.run(full))
        .isInstanceOf(SafetyValveException.class)
        .hasMessageContaining("200 of the 300")
        .hasMessageContaining("--force");
    assertThat(f.backend.snapshot().size()).isEqualTo(300);
    assertThatThrownBy(() -> f.run(full)).as("refused again, not forgotten")
        .isInstanceOf(SafetyValveException.class);

    SyncResult forced = f.run(full.withForce(true));
    assertThat(forced.complete()).isTrue();
    assertThat(f.backend.snapshot().size())
        .as("what the feed no longer lists expires over the spread window, not at once")
        .isEqualTo(300);
    f.clock.advance(Duration.ofHours(12).plusMinutes(1));
    assertThat(f.run().expired() + f.run().expired() + f.run().expired()).isEqualTo(200);
    assertThat(f.backend.snapshot().size()).isEqualTo(100);
  }

  @Test
  void aFeedThatWouldGrowTheSetTenfoldIsRefusedUntilForced() throws Exception {
    f.apiban.publishMany(100);
    f.run();
    String cursor = f.run().cursorAfter();
    f.apiban.publish(TestAddresses.manyIpv6(1_000_000, 1000).toArray(String[]::new));

    assertThatThrownBy(f::run).isInstanceOf(SafetyValveException.class)
        .hasMessageContaining("from 100 to 1100")
        .satisfies(e -> assertThat(((SafetyValveException) e).projectedSize()).isEqualTo(1100));
    assertThat(f.backend.snapshot().size()).isEqualTo(100);

    SyncResult forced = f.run(SyncOptions.defaults().withForce(true));
    assertThat(forced.cursorBefore()).as("the refused run did not move the cursor").isEqualTo(cursor);
    assertThat(f.backend.snapshot().size()).isEqualTo(1100);
  }

  @Test
  void aFirstDownloadSpreadOverSeveralRunsIsNotHeldBackByTheGrowthValve() throws Exception {
    f.apiban.publishMany(768).publish(TestAddresses.manyIpv6(1_000_000, 2_000).toArray(String[]::new));
    f.apiban.enqueue(200, FakeApiban.json(TestAddresses.many(250), "1700000249"));
    f.apiban.enqueueRateLimit(120); // the first run stops after one page of 250
    SyncResult first = f.run();
    assertThat(first.complete()).isFalse();
    assertThat(f.backend.snapshot().size()).isEqualTo(250);

    f.clock.advance(Duration.ofMinutes(3));
    SyncResult resumed = f.run();

    assertThat(resumed.complete()).as(String.valueOf(resumed.stopDetail())).isTrue();
    assertThat(f.backend.snapshot().size()).isEqualTo(2_768);
  }

  @Test
  void aDryRunReportsWhatAValveWouldRefuseInsteadOfFailing() throws Exception {
    f.apiban.publishMany(100);
    f.run();
    f.apiban.publish(TestAddresses.manyIpv6(1_000_000, 1000).toArray(String[]::new));

    SyncResult dry = f.run(SyncOptions.defaults().withDryRun(true));

    assertThat(dry.complete()).isFalse();
    assertThat(dry.stopReason()).contains(StopReason.SAFETY_VALVE);
    assertThat(dry.stopDetail()).hasValueSatisfying(d -> assertThat(d).contains("tenfold"));
    assertThat(f.backend.snapshot().size()).isEqualTo(100);
  }

  @Test
  void smallSetsAreNeverHeldBack() throws Exception {
    f.apiban.publishMany(50);
    f.run();
    f.apiban.publish(TestAddresses.manyIpv6(0, 2000).toArray(String[]::new));
    assertThat(f.run().added()).isEqualTo(2000);
  }

  @Test
  void rebuildingFromLocalStateIsNeverHeldBack() throws Exception {
    f.apiban.publishMany(500);
    f.run();
    f.backend.uninstall();
    SyncResult r = f.run();
    assertThat(r.repaired()).isEqualTo(500);
    assertThat(f.backend.snapshot().size()).isEqualTo(500);
  }
}
