package io.github.apiban4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinuxHostTest {
  private static final String ROOT = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\n"
      + "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n"
      + "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\n";
  private static final String USER = ROOT.replace("CapEff:\t000001ffffffffff",
      "CapEff:\t0000000000000000");
  // A systemd service with AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW: bits 12 and 13.
  private static final String SERVICE = ROOT.replace("CapEff:\t000001ffffffffff",
      "CapEff:\t0000000000003000");
  // Root in a Docker container with the default capabilities, which leave out CAP_NET_ADMIN.
  private static final String CONTAINER = ROOT.replace("CapEff:\t000001ffffffffff",
      "CapEff:\t00000000a80425fb");

  @Test
  void parsesTheEffectiveSet() {
    assertThat(LinuxHost.parseCapEff(ROOT)).hasValue(0x1ffffffffffL);
    assertThat(LinuxHost.parseCapEff(USER)).hasValue(0);
    assertThat(LinuxHost.parseCapEff(SERVICE)).hasValue(0x3000);
    assertThat(LinuxHost.parseCapEff("CapEff:\tffffffffffffffff\n")).hasValue(-1L);
  }

  @Test
  void aMissingOrGarbledLineIsUnknown() {
    assertThat(LinuxHost.parseCapEff("Name:\tjava\n")).isEmpty();
    assertThat(LinuxHost.parseCapEff("CapEff:\tzz\n")).isEmpty();
    assertThat(LinuxHost.netAdminProblem("Name:\tjava\n")).get().asString()
        .contains("cannot tell whether this process holds CAP_NET_ADMIN");
  }

  @Test
  void netAdminIsBitTwelve() {
    assertThat(LinuxHost.netAdminProblem(ROOT)).isEmpty();
    assertThat(LinuxHost.netAdminProblem(SERVICE)).isEmpty();
    assertThat(LinuxHost.netAdminProblem(USER)).hasValue("no CAP_NET_ADMIN (CapEff"
        + " 0000000000000000): run as root, or grant the capability (systemd:"
        + " AmbientCapabilities=CAP_NET_ADMIN)");
    assertThat(LinuxHost.netAdminProblem(CONTAINER)).get().asString()
        .startsWith("no CAP_NET_ADMIN (CapEff 00000000a80425fb)");
  }

  @Test
  void thisMachineAnswersWithoutThrowing() {
    assertThat(LinuxHost.netAdminProblem()).isNotNull();
    assertThat(LinuxHost.notLinuxReason("nftables")).contains("nftables backend");
  }
}
