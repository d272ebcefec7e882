package io.github.apiban4j.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's overrides in the state file: version 2 only when there are any. */
class StateOverridesTest {
  @TempDir Path dir;

  static IpPrefix p(String text) {
    return IpPrefix.parse(text);
  }

  @Test
  void overridesRoundTripAsVersionTwo() throws IOException {
    StateFile file = new StateFile(dir.resolve("state.json"));
    Overrides overrides = Overrides.none().unban(p("198.51.100.7")).pin(p("203.0.113.0/28"))
        .pin(p("2001:db8:5::/48"));
    StoredState state = StateSamples.full().withOverrides(overrides);
    file.save(state);

    String text = Files.readString(file.path());
    assertThat(text).contains("\"version\": 2").contains("\"unbanned\": [")
        .contains("\"198.51.100.7\"").contains("\"203.0.113.0/28\"");
    StoredState back = ((LoadResult.Loaded) file.load()).state();
    assertThat(back).isEqualTo(state);
    assertThat(back.overrides().pinned()).hasSize(2);
  }

  @Test
  void aStateWithoutOverridesIsStillWrittenAsVersionOne() throws IOException {
    StateFile file = new StateFile(dir.resolve("state.json"));
    file.save(StateSamples.full().withOverrides(Overrides.none().pin(p("192.0.2.9"))
        .forget(p("192.0.2.9"))));
    assertThat(Files.readString(file.path())).isEqualTo(StateSamples.FULL_JSON);
  }

  @Test
  void pinAndUnbanReplaceEachOther() {
    Overrides o = Overrides.none().unban(p("192.0.2.9")).pin(p("192.0.2.9"));
    assertThat(o.unbanned()).isEmpty();
    assertThat(o.pinned()).containsExactly(p("192.0.2.9"));
    o = o.unban(p("192.0.2.9"));
    assertThat(o.pinned()).isEmpty();
    assertThat(o.unbanned()).isEqualTo(AddressSet.of(p("192.0.2.9")));
  }

  @Test
  void anUnbannedPrefixCoversWhatOverlapsIt() {
    Overrides o = Overrides.none().unban(p("198.51.100.0/25"));
    assertThat(o.isUnbanned(p("198.51.100.7"))).isTrue();
    assertThat(o.isUnbanned(p("198.51.100.0/24"))).isTrue();
    assertThat(o.isUnbanned(p("198.51.100.200"))).isFalse();
    assertThat(o.isUnbanned(p("2001:db8::1"))).isFalse();
  }
}
