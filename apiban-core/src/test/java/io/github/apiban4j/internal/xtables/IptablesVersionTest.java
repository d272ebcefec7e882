package io.github.apiban4j.internal.xtables;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IptablesVersionTest {

  @Test
  void tellsNftFromLegacy() {
    assertThat(IptablesVersion.parse("iptables v1.8.9 (nf_tables)\n"))
        .contains(new IptablesVersion("1.8.9", true));
    assertThat(IptablesVersion.parse("iptables v1.8.9 (legacy)\n"))
        .contains(new IptablesVersion("1.8.9", false));
    assertThat(IptablesVersion.parse("iptables v1.8.10 (nf_tables)").map(Object::toString))
        .contains("1.8.10 (nf_tables)");
  }

  @Test
  void releasesBeforeOnePointEightAreLegacy() {
    assertThat(IptablesVersion.parse("iptables v1.6.1")).contains(
        new IptablesVersion("1.6.1", false));
    assertThat(IptablesVersion.parse("iptables v1.4.21\n").map(IptablesVersion::variant))
        .contains("legacy");
  }

  @Test
  void acceptsTheSiblingTools() {
    assertThat(IptablesVersion.parse("iptables-restore v1.8.9 (nf_tables)"))
        .contains(new IptablesVersion("1.8.9", true));
    assertThat(IptablesVersion.parse("ip6tables v1.8.7 (legacy)"))
        .contains(new IptablesVersion("1.8.7", false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "nftables v1.0.6 (Lester Gooch #5)", "iptables 1.8.9",
      "iptables v1.8.9 (something)", "iptables v (nf_tables)", "ipset v7.17, protocol version: 7",
      "warning\niptables v1.8.9 (nf_tables)"})
  void anythingElseIsNoVersion(String output) {
    assertThat(IptablesVersion.parse(output)).isEmpty();
  }
}
