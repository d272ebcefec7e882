package io.github.apiban4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetsTest {
  private static Row row(String contender, String baseline, String op, int size) {
    return new Row(contender, baseline, op, size, "ipv4", new double[] {1}, new double[] {2}, 0);
  }

  @Test
  void eachRowGetsTheIssuesTargetOrNone() {
    assertThat(Targets.maxRatio(row("ipset-netlink", "ipset restore", "add", 100_000)))
        .contains(0.10);
    assertThat(Targets.maxRatio(row("ipset-netlink", "ipset restore", "delete", 100_000)))
        .contains(0.10);
    assertThat(Targets.maxRatio(row("ipset-netlink", "ipset restore", "page", 250))).contains(0.05);
    assertThat(Targets.maxRatio(row("ipset-netlink", "ipset restore", "add", 10_000))).isEmpty();
    assertThat(Targets.maxRatio(row("nftables", "nft -f", "delete", 1_000))).contains(1.3);
    assertThat(Targets.maxRatio(row("iptables-set", "ipset restore", "page", 250))).contains(1.3);
    assertThat(Targets.maxRatio(row("iptables-rules", "iptables-restore", "add", 100_000)))
        .isEmpty();
    assertThat(Targets.maxRatio(row("iptables-rules", Row.PER_ADDRESS, "add", 100_000)))
        .contains(0.01);
    assertThat(Targets.maxRatio(row("nftables", Row.PER_ADDRESS, "page", 250))).isEmpty();
  }

  @Test
  void aRatioBelowOneHundredthReadsAsTimesFaster() {
    assertThat(Targets.describe(0.01)).isEqualTo("≥ 100× faster");
    assertThat(Targets.describe(1.3)).isEqualTo("≤ 1.30");
  }
}
