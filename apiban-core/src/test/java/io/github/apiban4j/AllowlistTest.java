package io.github.apiban4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.IpPrefix;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllowlistTest {

  private static Optional<RefusalReason> refusal(Allowlist a, String entry) {
    return a.refusal(IpPrefix.parse(entry));
  }

  @Test
  void refusesTheBuiltInRangesAndAcceptsPublicAddresses() {
    Allowlist a = Allowlist.builder().hostInterfaces(false).build();
    assertThat(refusal(a, "127.0.0.53")).contains(RefusalReason.LOOPBACK);
    assertThat(refusal(a, "::1")).contains(RefusalReason.LOOPBACK);
    assertThat(refusal(a, "0.1.2.3")).contains(RefusalReason.UNSPECIFIED);
    assertThat(refusal(a, "::")).contains(RefusalReason.UNSPECIFIED);
    assertThat(refusal(a, "169.254.169.254")).contains(RefusalReason.LINK_LOCAL);
    assertThat(refusal(a, "fe80::1:2")).contains(RefusalReason.LINK_LOCAL);
    assertThat(refusal(a, "239.1.1.1")).contains(RefusalReason.MULTICAST);
    assertThat(refusal(a, "ff05::2")).contains(RefusalReason.MULTICAST);
    assertThat(refusal(a, "255.255.255.255")).contains(RefusalReason.BROADCAST);
    assertThat(refusal(a, "172.31.255.1")).contains(RefusalReason.PRIVATE);
    assertThat(refusal(a, "fd12:3456::1")).contains(RefusalReason.PRIVATE);
    assertThat(refusal(a, "192.0.2.1")).isEmpty();
    assertThat(refusal(a, "2001:db8::1")).isEmpty();
    assertThat(refusal(a, "172.32.0.1")).as("just outside 172.16/12").isEmpty();
  }

  @Test
  void aPrefixOverlappingAnAllowedRangeIsRefusedEitherWay() {
    Allowlist a = Allowlist.builder().hostInterfaces(false)
        .allow(IpPrefix.parse("198.51.100.7"))
        .allow(IpPrefix.parse("2001:db8:5::/48")).build();
    assertThat(refusal(a, "198.51.100.0/24")).as("contains an allowed address")
        .contains(RefusalReason.ALLOWLISTED);
    assertThat(refusal(a, "198.51.100.7")).contains(RefusalReason.ALLOWLISTED);
    assertThat(refusal(a, "198.51.100.8")).isEmpty();
    assertThat(refusal(a, "2001:db8:5:1::/64")).as("inside an allowed range")
        .contains(RefusalReason.ALLOWLISTED);
    assertThat(refusal(a, "2001:db8:4::/48")).isEmpty();
  }

  @Test
  void prefixesShorterThanTheMinimumAreRefused() {
    Allowlist a = Allowlist.builder().hostInterfaces(false).build();
    assertThat(refusal(a, "203.0.112.0/23")).contains(RefusalReason.PREFIX_TOO_SHORT);
    assertThat(refusal(a, "203.0.113.0/24")).isEmpty();
    assertThat(refusal(a, "2001:db8::/47")).contains(RefusalReason.PREFIX_TOO_SHORT);
    assertThat(refusal(a, "2001:db8::/48")).isEmpty();
    Allowlist strict = Allowlist.builder().hostInterfaces(false).minimumPrefixLength(28, 64).build();
    assertThat(refusal(strict, "203.0.113.0/24")).contains(RefusalReason.PREFIX_TOO_SHORT);
    assertThatThrownBy(() -> Allowlist.builder().minimumPrefixLength(33, 64))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void protectsEveryAddressOfThisHost() throws Exception {
    Allowlist a = Allowlist.defaults();
    int checked = 0;
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InterfaceAddress ia : nic.getInterfaceAddresses()) {
        IpPrefix own = IpPrefix.of(ia.getAddress());
        assertThat(a.refusal(own)).as(own.toString()).isPresent();
        checked++;
      }
    }
    assertThat(checked).as("a host has at least its loopback address").isPositive();
    assertThat(a.rules()).anyMatch(r -> r.reason() == RefusalReason.LOCAL_INTERFACE);
  }
}
