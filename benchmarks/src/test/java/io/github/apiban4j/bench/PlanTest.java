package io.github.apiban4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
  @Test
  void quickKeepsTheHundredThousandIpv4RowsAndThePages() {
    Plan quick = Plan.parse(List.of("--quick"), new ArrayList<>());
    assertThat(quick.datasets()).containsExactly(new Plan.Dataset("ipv4", 100_000));
    assertThat(quick.pageRuns()).isPositive();
    assertThat(quick.hasIpv6()).isFalse();
  }

  @Test
  void fullHasEverySizeAndIpv6() {
    Plan full = Plan.parse(List.of(), new ArrayList<>());
    assertThat(full.datasets()).extracting(Plan.Dataset::toString)
        .containsExactly("ipv4:1000", "ipv4:10000", "ipv4:100000", "ipv6:10000");
    assertThat(full.hasIpv6()).isTrue();
  }

  @Test
  void aPlanSurvivesTheTripToAWorkerAndLeavesOtherArgumentsAlone() {
    Plan plan = new Plan(7, 9, List.of(Plan.Dataset.parse("ipv6:500")), 100, 0);
    List<String> args = new ArrayList<>(plan.toArgs());
    args.addAll(List.of("--pair", "nftables"));
    List<String> rest = new ArrayList<>();

    assertThat(Plan.parse(args, rest)).isEqualTo(plan);
    assertThat(rest).containsExactly("--pair", "nftables");
  }

  @Test
  void aBadDatasetIsRefusedWithWhatOneLooksLike() {
    assertThatThrownBy(() -> Plan.Dataset.parse("ipv5:10"))
        .hasMessageContaining("ipv4:SIZE or ipv6:SIZE");
  }
}
