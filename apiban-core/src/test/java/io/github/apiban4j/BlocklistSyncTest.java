package io.github.apiban4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.ApiVersion;
import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.TestAddresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ordinary life of a sync: first pull, increments, idempotency, validation, dry run, LKID. */
class BlocklistSyncTest extends SyncTestBase {

  @Test
  void firstRunPullsTheWholeFeedPageByPage() throws Exception {
    f.apiban.publishMany(600);

    SyncResult r = f.run();

    assertThat(r.mode()).isEqualTo(SyncMode.FULL);
    assertThat(r.complete()).isTrue();
    assertThat(r.pages()).isEqualTo(3);
    assertThat(r.fetched()).isEqualTo(600);
    assertThat(r.added()).isEqualTo(600);
    assertThat(r.removed()).isZero();
    assertThat(r.liveSize()).isEqualTo(600);
    assertThat(r.cursorBefore()).isEqualTo("100");
    assertThat(r.cursorAfter()).isEqualTo(Long.toString(FakeApiban.FIRST_ID + 599));
    assertThat(f.backend.snapshot()).isEqualTo(setOf(TestAddresses.many(600)));
    assertThat(f.apiban.cursorsRequested()).containsExactly("100",
        Long.toString(FakeApiban.FIRST_ID + 249), Long.toString(FakeApiban.FIRST_ID + 499),
        Long.toString(FakeApiban.FIRST_ID + 599));
  }

  @Test
  void aSecondRunWithoutNewBansChangesNothing() throws Exception {
    f.apiban.publishMany(300);
    f.run();
    AddressSet before = f.backend.snapshot();
    byte[] stateBefore = Files.readAllBytes(f.stateFile);
    f.clock.advance(Duration.ofMinutes(5));
    f.events.events.clear();

    SyncResult r = f.run();

    assertThat(r.mode()).isEqualTo(SyncMode.INCREMENTAL);
    assertThat(r.complete()).isTrue();
    assertThat(r.added()).isZero();
    assertThat(r.removed()).isZero();
    assertThat(r.pages()).isZero();
    assertThat(r.cursorAfter()).isEqualTo(r.cursorBefore());
    assertThat(f.backend.snapshot()).isEqualTo(before);
    assertThat(f.events.matching("committed")).singleElement().asString().contains("Diff[+0 -0]");
    assertThat(new String(Files.readAllBytes(f.stateFile)))
        .as("only lastSuccess moves").isNotEqualTo(new String(stateBefore));
  }

  @Test
  void aRunWithinTheSameSecondAsTheLastFullSyncIsIncremental() throws Exception {
    f.apiban.publishMany(3);
    assertThat(f.run().mode()).isEqualTo(SyncMode.FULL);
    assertThat(f.run().mode()).isEqualTo(SyncMode.INCREMENTAL);
  }

  @Test
  void newBansArriveIncrementallyFromTheCursor() throws Exception {
    f.apiban.publishMany(10);
    SyncResult first = f.run();
    f.apiban.publish("203.0.113.200", "2001:db8::200");
    f.clock.advance(Duration.ofMinutes(5));

    SyncResult r = f.run();

    assertThat(r.mode()).isEqualTo(SyncMode.INCREMENTAL);
    assertThat(r.added()).isEqualTo(2);
    assertThat(r.cursorBefore()).isEqualTo(first.cursorAfter());
    assertThat(f.backend.isBanned(IpPrefix.parse("2001:db8::200"))).isTrue();
    assertThat(f.apiban.cursorsRequested()).endsWith(first.cursorAfter(),
        Long.toString(FakeApiban.FIRST_ID + 11));
  }

  @Test
  void hostileEntriesAreCountedAndNeverApplied() throws Exception {
    List<String> hostile = List.of("1.2.3.4; rm -rf /", "$(reboot)", "999.1.1.1", "example.com",
        "192.0.2.1 ", "192.0.2.2\n", "192.0.2.03", "`id`", "", "2001:db8::1%eth0");
    f.apiban.publish(hostile.toArray(String[]::new));
    f.apiban.publish("192.0.2.50");

    SyncResult r = f.run();

    assertThat(f.backend.snapshot()).isEqualTo(AddressSet.of(IpPrefix.parse("192.0.2.50")));
    assertThat(r.refused()).containsExactly(entry("malformed", (long) hostile.size()));
    assertThat(r.fetched()).isEqualTo(hostile.size() + 1);
    assertThat(f.events.matching("refused malformed")).hasSize(hostile.size())
        .noneMatch(e -> e.contains("\n"));
  }

  @Test
  void theAllowlistAlwaysWins() throws Exception {
    f.apiban.publish("127.0.0.1", "0.0.0.0", "10.1.2.3", "172.16.5.5", "192.168.1.1",
        "100.64.0.1", "169.254.9.9", "224.0.0.5", "255.255.255.255", "::1", "::", "fe80::1",
        "ff02::1", "fd00::1", "198.51.100.9", "198.51.100.0/28", "203.0.0.0/16", "2001:db8::/32",
        "203.0.113.7", "203.0.113.128/25", "2001:db8:1::/48");
    try (BlocklistSync sync = f.sync()
        .allowlist(Allowlist.builder().hostInterfaces(false)
            .allow(IpPrefix.parse("198.51.100.0/24")).build())
        .build()) {
      SyncResult r = sync.run();

      assertThat(f.backend.snapshot()).isEqualTo(AddressSet.of(IpPrefix.parse("203.0.113.7"),
          IpPrefix.parse("203.0.113.128/25"), IpPrefix.parse("2001:db8:1::/48")));
      assertThat(r.refused()).containsOnly(
          entry("loopback", 2L), entry("unspecified", 2L), entry("private", 5L),
          entry("link-local", 2L), entry("multicast", 2L), entry("broadcast", 1L),
          entry("allowlist", 2L), entry("prefix-too-short", 2L));
    }
  }

  @Test
  void entriesAllowedLaterAreRemovedWithoutANetworkCall() throws Exception {
    f.apiban.publish("198.51.100.9", "203.0.113.9");
    f.run();
    int requests = f.apiban.requestCount();
    try (BlocklistSync sync = BlocklistSync.builder().backend(f.backend).stateFile(f.stateFile)
        .allowlist(Allowlist.builder().hostInterfaces(false)
            .allow(IpPrefix.parse("198.51.100.0/24")).build())
        .clock(f.clock).build()) {
      SyncResult r = sync.run();
      assertThat(r.mode()).isEqualTo(SyncMode.LOCAL);
      assertThat(r.removed()).isEqualTo(1);
    }
    assertThat(f.backend.snapshot()).isEqualTo(AddressSet.of(IpPrefix.parse("203.0.113.9")));
    assertThat(f.apiban.requestCount()).isEqualTo(requests);
  }

  @Test
  void aDryRunComputesEverythingAndTouchesNothing() throws Exception {
    f.apiban.publishMany(300);

    SyncResult r = f.run(SyncOptions.defaults().withDryRun(true));

    assertThat(r.dryRun()).isTrue();
    assertThat(r.added()).isEqualTo(300);
    assertThat(r.liveSize()).isEqualTo(300);
    assertThat(f.backend.snapshot().isEmpty()).isTrue();
    assertThat(f.stateFile).doesNotExist();
    assertThat(Files.exists(Path.of(f.stateFile + ".lock"))).isFalse();

    f.run();
    f.apiban.publish("203.0.113.99");
    byte[] state = Files.readAllBytes(f.stateFile);
    SyncResult dry = f.run(SyncOptions.defaults().withDryRun(true));
    assertThat(dry.added()).isEqualTo(1);
    assertThat(f.backend.snapshot().size()).isEqualTo(300);
    assertThat(Files.readAllBytes(f.stateFile)).isEqualTo(state);
  }

  @Test
  void anOfficialClientsLkidSeedsTheCursorAndTheFullResyncFollows() throws Exception {
    f.apiban.publishMany(20);
    String lkid = Long.toString(FakeApiban.FIRST_ID + 14);

    SyncResult first;
    try (BlocklistSync sync = f.sync().initialCursor(lkid).build()) {
      first = sync.run();
    }
    assertThat(first.mode()).isEqualTo(SyncMode.INCREMENTAL);
    assertThat(first.cursorBefore()).isEqualTo(lkid);
    assertThat(first.added()).isEqualTo(5);

    f.clock.advance(Duration.ofMinutes(5));
    SyncResult second = f.run();
    assertThat(second.mode()).isEqualTo(SyncMode.FULL);
    assertThat(second.cursorBefore()).isEqualTo("100");
    assertThat(f.backend.snapshot().size()).isEqualTo(20);
  }

  @Test
  void aCorruptStateWithAnLkidConfiguredRecoversByAFullResync() throws Exception {
    f.apiban.publishMany(20);
    String lkid = Long.toString(FakeApiban.FIRST_ID + 14);
    try (BlocklistSync sync = f.sync().initialCursor(lkid).build()) {
      sync.run();
      Files.writeString(f.stateFile, "{garbage");
      f.clock.advance(Duration.ofMinutes(5));
      SyncResult r = sync.run();
      assertThat(r.mode()).isEqualTo(SyncMode.FULL);
      assertThat(r.cursorBefore()).isEqualTo("100");
      assertThat(r.complete()).isTrue();
    }
    assertThat(f.backend.snapshot().size()).isEqualTo(20);
  }

  @Test
  void aBuilderCanBeReusedWithAShorterTtl() {
    BlocklistSync.Builder builder = f.sync();
    builder.build().close();
    assertThatCode(() -> builder.ttl(Duration.ofHours(1)).build().close())
        .as("the default spread follows the TTL").doesNotThrowAnyException();
    assertThatThrownBy(() -> builder.expirySpread(Duration.ofHours(2)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than the ttl");
  }

  @Test
  void theV1ApiWorksTheSameWay() throws Exception {
    f.apiban.publishMany(260);
    try (BlocklistSync sync = f.sync()
        .client(f.client().apiVersion(ApiVersion.V1).build()).build()) {
      SyncResult r = sync.run();
      assertThat(r.added()).isEqualTo(260);
    }
    assertThat(f.apiban.server().takeRequest().getUrl().encodedPath())
        .isEqualTo("/api/" + SyncFixture.KEY + "/banned/100");
  }

  @Test
  void aFullResyncRunsOnScheduleAndOnDemand() throws Exception {
    f.apiban.publishMany(10);
    f.run();
    f.clock.advance(Duration.ofHours(6));
    assertThat(f.run().mode()).isEqualTo(SyncMode.INCREMENTAL);
    assertThat(f.run(SyncOptions.defaults().withFull(true)).mode()).isEqualTo(SyncMode.FULL);
    f.clock.advance(Duration.ofHours(6));
    assertThat(f.run().mode()).isEqualTo(SyncMode.INCREMENTAL);
    f.clock.advance(Duration.ofHours(19));
    SyncResult scheduled = f.run();
    assertThat(scheduled.mode()).isEqualTo(SyncMode.FULL);
    assertThat(scheduled.cursorBefore()).isEqualTo("100");
    assertThat(scheduled.added()).isZero();
    assertThat(scheduled.removed()).isZero();
  }

  @Test
  void aChangedDatasetDropsTheCursorButKeepsTheEntries() throws Exception {
    f.apiban.publishMany(10);
    f.run();
    f.clock.advance(Duration.ofMinutes(5));
    try (BlocklistSync sync = f.sync()
        .client(f.client().dataset(io.github.apiban4j.client.Dataset.ALL).build()).build()) {
      SyncResult r = sync.run();
      assertThat(r.mode()).isEqualTo(SyncMode.FULL);
      assertThat(r.removed()).isZero();
    }
    assertThat(f.events.matching("recovered")).singleElement().asString().contains("feed");
  }

  static AddressSet setOf(List<String> literals) {
    AddressSet.Builder b = AddressSet.builder();
    literals.forEach(b::add);
    return b.build();
  }
}
