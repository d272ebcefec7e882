package io.github.apiban4j.nftables.internal;

import static io.github.apiban4j.nftables.internal.NftablesBackendCommandsTest.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrefixLayersTest {

  @Test
  void disjointPrefixesShareOneLayer() {
    assertThat(PrefixLayers.of(set("198.51.100.0/25", "198.51.100.128/26", "203.0.113.0/24")))
        .containsExactly(List.of(p("198.51.100.0/25"), p("198.51.100.128/26"),
            p("203.0.113.0/24")));
  }

  @Test
  void nestedPrefixesGoOneLayerDownPerLevel() {
    assertThat(PrefixLayers.of(set("198.51.100.0/24", "198.51.100.0/25", "198.51.100.0/26",
        "198.51.100.128/25", "203.0.113.64/26", "2001:db8::/32", "2001:db8:1::/48")))
        .containsExactly(
            List.of(p("198.51.100.0/24"), p("203.0.113.64/26"), p("2001:db8::/32")),
            List.of(p("198.51.100.0/25"), p("198.51.100.128/25"), p("2001:db8:1::/48")),
            List.of(p("198.51.100.0/26")));
  }

  @Test
  void noneGivesNoLayer() {
    assertThat(PrefixLayers.of(AddressSet.empty())).isEmpty();
  }

  @Test
  void randomPrefixesNeverOverlapWithinALayerAndSitAtTheirDepth() {
    SplittableRandom random = new SplittableRandom(7);
    AddressSet.Builder b = AddressSet.builder();
    for (int i = 0; i < 400; i++) {
      int length = 16 + random.nextInt(16);
      int bits = 0xC6330000 | random.nextInt(1 << 16);
      b.add(IpPrefix.ipv4(bits & (int) (0xFFFF_FFFFL << (32 - length)), length));
    }
    AddressSet prefixes = b.build();
    List<List<IpPrefix>> layers = PrefixLayers.of(prefixes);
    assertThat(layers.size()).isGreaterThan(2);
    AddressSet.Builder union = AddressSet.builder();
    for (int depth = 0; depth < layers.size(); depth++) {
      List<IpPrefix> layer = layers.get(depth);
      union.addAll(layer);
      for (int i = 1; i < layer.size(); i++) {
        assertThat(layer.get(i - 1).overlaps(layer.get(i))).isFalse();
      }
      for (IpPrefix p : layer) {
        long enclosing = prefixes.stream().filter(q -> !q.equals(p) && q.contains(p)).count();
        assertThat(enclosing).as("depth of " + p).isEqualTo(depth);
      }
    }
    assertThat(union.build()).isEqualTo(prefixes);
  }

  private static IpPrefix p(String text) {
    return IpPrefix.parse(text);
  }
}
