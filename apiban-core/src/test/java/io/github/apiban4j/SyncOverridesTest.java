package io.github.apiban4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.testkit.FakeApiban;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operator's decisions through the library: unban, pin and withdraw, stored and enforced. */
class SyncOverridesTest extends SyncTestBase {
  private static IpPrefix p(String text) {
    return IpPrefix.parse(text);
  }

  @Test
  void anUnbanLeavesTheBackendAtOnceWithoutARequestAndEveryLaterRunRefusesIt() throws Exception {
    f.apiban.publish("198.51.100.7", "198.51.100.8");
    f.run();
    int requests = f.apiban.requestCount();
    try (BlocklistSync sync = f.sync().build()) {
      OverrideResult r = sync.unban(p("198.51.100.7"));
      assertThat(r.changed()).isTrue();
      assertThat(r.enforcement().mode()).isEqualTo(SyncMode.LOCAL);
      assertThat(r.enforcement().removed()).isEqualTo(1);
      assertThat(f.backend.snapshot()).isEqualTo(AddressSet.of(p("198.51.100.8")));
      assertThat(f.apiban.requestCount()).as("no request to APIBAN").isEqualTo(requests);
      assertThat(sync.unbanned()).isEqualTo(AddressSet.of(p("198.51.100.7")));

      assertThat(sync.unban(p("198.51.100.7")).changed()).as("it already was").isFalse();
    }
    f.apiban.publish("198.51.100.7");
    f.clock.advance(Duration.ofMinutes(5));
    f.run(SyncOptions.defaults().withFull(true));
    assertThat(f.backend.snapshot()).isEqualTo(AddressSet.of(p("198.51.100.8")));
  }

  @Test
  void aPinOutlivesTheTtlAndItsWithdrawalRemovesAnEntryTheFeedNeverReported() throws Exception {
    try (BlocklistSync sync = f.sync().build()) {
      assertThat(sync.pin(p("203.0.113.0/28")).enforcement().added()).isEqualTo(1);
      assertThat(f.backend.snapshot()).isEqualTo(AddressSet.of(p("203.0.113.0/28")));
      assertThat(sync.pinned()).isEqualTo(AddressSet.of(p("203.0.113.0/28")));

      f.clock.advance(Duration.ofDays(30));
      sync.run();
      assertThat(f.backend.snapshot()).as("pins never expire")
          .isEqualTo(AddressSet.of(p("203.0.113.0/28")));

      OverrideResult withdrawn = sync.withdraw(p("203.0.113.0/28"));
      assertThat(withdrawn.changed()).isTrue();
      assertThat(f.backend.snapshot()).isEmpty();
      assertThat(sync.pinned()).isEmpty();
    }
  }

  @Test
  void aPinBeforeTheFirstSyncKeepsTheSeededCursorForIt() throws Exception {
    f.apiban.publishMany(20);
    String lkid = Long.toString(FakeApiban.FIRST_ID + 14);
    try (BlocklistSync sync = f.sync().initialCursor(lkid).build()) {
      sync.pin(p("203.0.113.50"));
      SyncResult first = sync.run();
      assertThat(first.mode()).isEqualTo(SyncMode.INCREMENTAL);
      assertThat(first.cursorBefore()).isEqualTo(lkid);
      assertThat(first.added()).isEqualTo(5);
    }
    assertThat(f.events.matching("recovered")).isEmpty();
    assertThat(f.backend.snapshot().contains(p("203.0.113.50"))).isTrue();
  }

  @Test
  void theAllowlistRefusesAPinAndNothingIsStored() throws Exception {
    try (BlocklistSync sync = f.sync().build()) {
      assertThatThrownBy(() -> sync.pin(p("127.0.0.1")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("loopback").hasMessageContaining("allowlist always wins");
      assertThat(sync.pinned()).isEmpty();
    }
    assertThat(Files.exists(f.stateFile)).isFalse();
    assertThat(f.backend.snapshot()).isEmpty();
  }

  @Test
  void aCorruptStateIsNeitherOverwrittenNorSetAside() throws Exception {
    Files.writeString(f.stateFile, "{not json");
    try (BlocklistSync sync = f.sync().build()) {
      assertThatThrownBy(() -> sync.unban(p("198.51.100.7")))
          .isInstanceOf(StateFileException.class).hasMessageContaining("unusable")
          .hasMessageContaining("nothing was changed");
    }
    assertThat(Files.readString(f.stateFile)).isEqualTo("{not json");
    assertThat(f.events.matching("failed")).containsExactly("failed StateFileException");
    try (BlocklistSync sync = f.sync().build()) {
      assertThatThrownBy(sync::pinned).isInstanceOf(StateFileException.class)
          .hasMessageContaining("unusable");
    }
  }
}
