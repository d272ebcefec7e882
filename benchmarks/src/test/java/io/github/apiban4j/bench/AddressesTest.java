package io.github.apiban4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import org.junit.jupiter.api.Test;

class AddressesTest {
  private static final Allowlist BUILT_IN = Allowlist.builder().hostInterfaces(false).build();

  @Test
  void theSameSeedGivesTheSameDistinctPermittedAddresses() {
    AddressSet a = Addresses.ipv4(20_000, 42);
    assertThat(a.size()).isEqualTo(20_000);
    assertThat(a).isEqualTo(Addresses.ipv4(20_000, 42)).isNotEqualTo(Addresses.ipv4(20_000, 43));
    assertThat(a).allSatisfy(p -> {
      assertThat(p.isSingleAddress() && p.isIpv4()).isTrue();
      assertThat(BUILT_IN.permits(p)).isTrue();
      assertThat(IpPrefix.parse("192.0.2.0/24").contains(p)).isFalse();
    });
  }

  @Test
  void ipv6AddressesAreGlobalUnicastAndDistinct() {
    AddressSet six = Addresses.ipv6(5_000, 43);
    assertThat(six.size()).isEqualTo(5_000);
    assertThat(six).allSatisfy(p -> assertThat(IpPrefix.parse("2000::/3").contains(p)).isTrue());
  }
}
