package io.github.apiban4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.state.LoadResult;
import io.github.apiban4j.internal.state.Overrides;
import io.github.apiban4j.internal.state.StateFile;
import io.github.apiban4j.internal.state.StoredState;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sync honours the operator's unbans and pins stored in the state. */
class OverridesSyncTest extends SyncTestBase {

  static IpPrefix p(String text) {
    return IpPrefix.parse(text);
  }

  void override(java.util.function.UnaryOperator<Overrides> change) throws IOException {
    StateFile file = new StateFile(f.stateFile);
    LoadResult r = file.load();
    StoredState state = r instanceof LoadResult.Loaded l ? l.state()
        : StoredState.initial(StoredState.LOCAL_FEED);
    file.save(state.withOverrides(change.apply(state.overrides())));
  }

  @Test
  void anUnbannedEntryIsRemovedAtOnceAndNeverAddedAgain() throws IOException {
    f.apiban.publish("192.0.2.10", "198.51.100.7", "198.51.100.8");
    f.run();
    assertThat(f.backend.snapshot()).contains(p("198.51.100.7"));

    override(o -> o.unban(p("198.51.100.0/29")));
    SyncResult local = f.run();
    assertThat(f.backend.snapshot()).containsExactly(p("192.0.2.10"), p("198.51.100.8"));
    assertThat(local.removed()).isEqualTo(1);

    f.apiban.publish("198.51.100.7", "198.51.100.1");
    SyncResult again = f.run();
    assertThat(again.refused()).containsEntry("unbanned", 2L);
    assertThat(f.backend.snapshot()).doesNotContain(p("198.51.100.7"), p("198.51.100.1"));
    assertThat(f.events.matching("refused unbanned")).hasSize(2);
  }

  @Test
  void aPinnedEntryIsAppliedWithoutTheFeedAndNeverExpires() throws IOException {
    f.apiban.publish("192.0.2.10");
    f.run();
    override(o -> o.pin(p("203.0.113.0/28")));
    f.run();
    assertThat(f.backend.snapshot()).contains(p("203.0.113.0/28"), p("192.0.2.10"));

    f.apiban.delist("192.0.2.10");
    f.clock.advance(Duration.ofDays(30));
    f.run();
    f.run();
    assertThat(f.backend.snapshot()).containsExactly(p("203.0.113.0/28"));
    StoredState state = ((LoadResult.Loaded) new StateFile(f.stateFile).load()).state();
    assertThat(state.seen().entries()).isEqualTo(AddressSet.empty());
  }

  @Test
  void anUnbanInsideAPinnedPrefixWinsOverThePin() throws IOException {
    override(o -> o.pin(p("203.0.113.0/28")).pin(p("198.51.100.9")));
    f.run();
    override(o -> o.unban(p("203.0.113.7")));
    f.clock.advance(Duration.ofMinutes(5));
    f.run();
    assertThat(f.backend.snapshot()).containsExactly(p("198.51.100.9"));
  }

  @Test
  void aPinNeverBeatsTheAllowlist() throws IOException {
    override(o -> o.pin(p("127.0.0.1")).pin(p("198.51.100.9")));
    f.run();
    assertThat(f.backend.snapshot()).containsExactly(p("198.51.100.9"));
  }

  @Test
  void anUnpinnedEntryLivesOnAsIfSeenThenAndExpiresAfterTheTtl() throws IOException {
    override(o -> o.pin(p("198.51.100.9")));
    f.run();
    override(o -> o.forget(p("198.51.100.9")));
    f.run();
    assertThat(f.backend.snapshot()).containsExactly(p("198.51.100.9"));
    f.clock.advance(Duration.ofDays(8));
    f.run();
    assertThat(f.backend.snapshot()).isEmpty();
  }

  @Test
  void overridesMadeBeforeTheFirstSyncAreKeptWithoutAWarning() throws IOException {
    override(o -> o.unban(p("192.0.2.10")));
    f.apiban.publish("192.0.2.10", "192.0.2.11");
    SyncResult first = f.run();
    assertThat(first.mode()).isEqualTo(SyncMode.FULL);
    assertThat(f.backend.snapshot()).containsExactly(p("192.0.2.11"));
    assertThat(f.events.matching("recovered")).isEmpty();
    StoredState state = ((LoadResult.Loaded) new StateFile(f.stateFile).load()).state();
    assertThat(state.overrides().unbanned()).containsExactly(p("192.0.2.10"));
    assertThat(state.feed()).isNotEqualTo(StoredState.LOCAL_FEED);
  }
}
