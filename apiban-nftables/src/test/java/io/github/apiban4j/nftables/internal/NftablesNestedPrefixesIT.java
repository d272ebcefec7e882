package io.github.apiban4j.nftables.internal;

import static io.github.apiban4j.nftables.internal.NftablesBackendCommandsTest.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.TestEnvironment;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Prefixes inside prefixes: an interval set refuses overlaps, so each nesting level gets a set of
 * its own, and what is read back is exactly what was applied.
 */
class NftablesNestedPrefixesIT {
  private static final AddressSet NESTED = set("198.51.100.0/24", "198.51.100.0/25",
      "198.51.100.0/26", "198.51.100.128/25", "198.51.100.1", "2001:db8::/32",
      "2001:db8:1::/48");

  @Test
  void nestedPrefixesReadBackExactlyAndMoveUpWhenTheirContainerGoes() throws IOException {
    TestEnvironment.requireCommand("nft", "nftables");
    try (NetworkNamespace ns = NetworkNamespace.create()) {
      NftCheckedBackend backend = new NftCheckedBackend(
          new NftablesBackend(NftSettingsFixture.in(ns.name()), CommandRunner.system()), ns);
      backend.prepare();
      backend.apply(new Diff(NESTED, AddressSet.empty()));
      assertThat(backend.current()).isEqualTo(NESTED);
      NftTableView view = NftTableView.read(ns, "apiban");
      assertThat(view.sets().get("apiban4net")).isEqualTo(set("198.51.100.0/24"));
      assertThat(view.sets().get("apiban4net2")).isEqualTo(set("198.51.100.0/25",
          "198.51.100.128/25"));
      assertThat(view.sets().get("apiban4net3")).isEqualTo(set("198.51.100.0/26"));
      assertThat(view.sets().get("apiban6net2")).isEqualTo(set("2001:db8:1::/48"));
      assertThat(view.sets().get("apiban4")).isEqualTo(set("198.51.100.1"));
      assertThat(view.ruleSets()).contains("ip @apiban4net2 counter drop",
          "ip @apiban4net3 counter drop", "ip6 @apiban6net2 counter drop");
      assertThat(backend.prepare()).as("the layer sets and their rules are the backend's own")
          .isFalse();

      backend.apply(new Diff(set("198.51.100.64/26"), set("198.51.100.0/24", "2001:db8::/32")));
      AddressSet expected = NESTED.minus(set("198.51.100.0/24", "2001:db8::/32"))
          .union(set("198.51.100.64/26"));
      assertThat(backend.current()).isEqualTo(expected);
      view = NftTableView.read(ns, "apiban");
      assertThat(view.sets().get("apiban4net")).isEqualTo(set("198.51.100.0/25",
          "198.51.100.128/25"));
      assertThat(view.sets().get("apiban4net2")).isEqualTo(set("198.51.100.0/26",
          "198.51.100.64/26"));
      assertThat(view.sets().get("apiban4net3").isEmpty()).isTrue();
      assertThat(view.sets().get("apiban6net")).isEqualTo(set("2001:db8:1::/48"));

      backend.replace(NESTED);
      assertThat(backend.current()).isEqualTo(NESTED);
      backend.uninstall();
    }
  }
}
