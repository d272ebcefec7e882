package io.github.apiban4j.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IpPrefix as a value: conversions, containment, order and equality. */
class IpPrefixValueTest {

  private static IpPrefix p(String text) {
    return IpPrefix.parse(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.1", "198.51.100.255", "203.0.113.0", "2001:db8::1",
      "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "::", "0.0.0.0", "255.255.255.255"})
  void ofInetAddressAgreesWithParse(String text) throws Exception {
    InetAddress address = InetAddress.getByAddress(p(text).addressBytes());
    assertThat(IpPrefix.of(address)).isEqualTo(p(text));
    assertThat(IpPrefix.of(address, p(text).maxLength())).isEqualTo(p(text));
  }

  @Test
  void ofIpv4MappedInet6AddressIsIpv4LikeParse() throws Exception {
    // InetAddress.getByAddress turns mapped bytes into an Inet4Address, but an Inet6Address with
    // mapped bytes can still be made; it must not become a second value for the same address.
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    System.arraycopy(p("192.0.2.1").addressBytes(), 0, bytes, 12, 4);
    Inet6Address mapped = Inet6Address.getByAddress(null, bytes, -1);
    assertThat(IpPrefix.of(mapped)).isEqualTo(p("::ffff:192.0.2.1")).isEqualTo(p("192.0.2.1"));
    assertThat(IpPrefix.of(mapped).isIpv4()).isTrue();
    assertThatThrownBy(() -> IpPrefix.of(mapped, 120))
        .isInstanceOf(IllegalArgumentException.class);
    bytes[15] = 0;
    Inet6Address mappedNet = Inet6Address.getByAddress(null, bytes, -1);
    assertThat(IpPrefix.of(mappedNet, 120)).isEqualTo(p("::ffff:192.0.2.0/120"))
        .isEqualTo(p("192.0.2.0/24"));
  }

  @Test
  void ofScopedInet6AddressDropsTheScope() throws Exception {
    Inet6Address scoped = Inet6Address.getByAddress(null, p("fe80::1").addressBytes(), 3);
    assertThat(IpPrefix.of(scoped)).isEqualTo(p("fe80::1"));
  }

  @Test
  void ofWithLengthChecksHostBitsAndRange() throws Exception {
    InetAddress net = InetAddress.getByAddress(p("198.51.100.0").addressBytes());
    assertThat(IpPrefix.of(net, 24)).isEqualTo(p("198.51.100.0/24"));
    assertThatThrownBy(() -> IpPrefix.of(net, 33)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpPrefix.of(net, -1)).isInstanceOf(IllegalArgumentException.class);
    InetAddress host = InetAddress.getByAddress(p("198.51.100.7").addressBytes());
    assertThatThrownBy(() -> IpPrefix.of(host, 24)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.1", "198.51.100.0/24", "2001:db8::1", "2001:db8::/32"})
  void addressIsBuiltFromBytesWithoutLookup(String text) {
    InetAddress address = p(text).address();
    assertThat(address.getAddress()).isEqualTo(p(text).addressBytes());
    // A resolved or looked-up address would carry a host name before the slash.
    assertThat(address.toString()).isEqualTo("/" + address.getHostAddress());
    assertThat(address).isInstanceOf(p(text).isIpv4() ? Inet4Address.class : Inet6Address.class);
  }

  @Test
  void addressBytesAreNetworkOrder() {
    assertThat(p("192.0.2.1").addressBytes()).containsExactly(192, 0, 2, 1);
    byte[] v6 = p("2001:db8::1").addressBytes();
    assertThat(v6).hasSize(16);
    assertThat(v6[0]).isEqualTo((byte) 0x20);
    assertThat(v6[1]).isEqualTo((byte) 0x01);
    assertThat(v6[2]).isEqualTo((byte) 0x0d);
    assertThat(v6[3]).isEqualTo((byte) 0xb8);
    assertThat(v6[15]).isEqualTo((byte) 1);
  }

  @Test
  void bitAccessors() {
    assertThat(p("192.0.2.1").ipv4Bits()).isEqualTo(0xC0000201);
    assertThat(p("255.255.255.255").ipv4Bits()).isEqualTo(-1);
    assertThat(p("2001:db8::1").ipv6High()).isEqualTo(0x20010db800000000L);
    assertThat(p("2001:db8::1").ipv6Low()).isEqualTo(1L);
    assertThatThrownBy(() -> p("2001:db8::1").ipv4Bits()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> p("192.0.2.1").ipv6High()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> p("192.0.2.1").ipv6Low()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void factoriesRejectHostBitsAndBadLengths() {
    assertThat(IpPrefix.ipv4(0xC0000200, 24)).isEqualTo(p("192.0.2.0/24"));
    assertThatThrownBy(() -> IpPrefix.ipv4(0xC0000201, 24))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpPrefix.ipv4(0, 33)).isInstanceOf(IllegalArgumentException.class);
    assertThat(IpPrefix.ipv6(0x20010db800000000L, 0, 32)).isEqualTo(p("2001:db8::/32"));
    assertThatThrownBy(() -> IpPrefix.ipv6(0x20010db800000000L, 1, 64))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpPrefix.ipv6(0, 0, 129)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ipv6FactoryMapsTheIpv4MappedRangeLikeParse() {
    IpPrefix mapped = IpPrefix.ipv6(0, 0xFFFF_C000_0201L, 128);
    assertThat(mapped).isEqualTo(p("192.0.2.1"));
    assertThat(IpPrefix.parse(mapped.toString())).isEqualTo(mapped);
    assertThat(IpPrefix.ipv6(0, 0xFFFF_C000_0200L, 120)).isEqualTo(p("192.0.2.0/24"));
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
      "198.51.100.0/24, 198.51.100.7,      true",
      "198.51.100.0/24, 198.51.100.0/25,   true",
      "198.51.100.0/24, 198.51.100.128/25, true",
      "198.51.100.0/24, 198.51.100.0/24,   true",
      "198.51.100.0/24, 198.51.100.0/23,   false",
      "198.51.100.0/24, 198.51.101.0,      false",
      "198.51.100.0/24, 203.0.113.1,       false",
      "0.0.0.0/0,       203.0.113.1,       true",
      "0.0.0.0/0,       2001:db8::1,       false",
      "192.0.2.1,       192.0.2.1,         true",
      "192.0.2.1,       192.0.2.0/24,      false",
      "2001:db8::/32,   2001:db8::1,       true",
      "2001:db8::/32,   2001:db8:ffff::/48, true",
      "2001:db8::/32,   2001:db9::1,       false",
      "2001:db8::/32,   2001:db8::/31,     false",
      "2001:db8::/96,   2001:db8::ffff:1,  true",
      "2001:db8::/96,   2001:db8::1:0:1,   false",
      "::/0,            2001:db8::1,       true",
      "::/0,            192.0.2.1,         false",
      "2001:db8::1,     2001:db8::1,       true",
  })
  void contains(String outer, String inner, boolean expected) throws Exception {
    assertThat(p(outer).contains(p(inner))).isEqualTo(expected);
    if (p(inner).isSingleAddress()) {
      assertThat(p(outer).contains(p(inner).address())).isEqualTo(expected);
    }
  }

  @Test
  void overlapsIsContainmentEitherWay() {
    assertThat(p("198.51.100.0/24").overlaps(p("198.51.100.0/25"))).isTrue();
    assertThat(p("198.51.100.0/25").overlaps(p("198.51.100.0/24"))).isTrue();
    assertThat(p("198.51.100.0/25").overlaps(p("198.51.100.128/25"))).isFalse();
    assertThat(p("192.0.2.1").overlaps(p("192.0.2.1"))).isTrue();
    assertThat(p("0.0.0.0/0").overlaps(p("::/0"))).isFalse();
    assertThat(p("2001:db8::/32").overlaps(p("2001:db8:1::1"))).isTrue();
  }

  @Test
  void orderIsFamilyThenAddressThenLength() {
    List<IpPrefix> expected = List.of(p("0.0.0.0/0"), p("0.0.0.0"), p("192.0.2.0/24"),
        p("192.0.2.0/25"), p("192.0.2.0"), p("192.0.2.1"), p("192.0.2.128/25"),
        p("198.51.100.0/24"), p("255.255.255.255"), p("::/0"), p("::"), p("::1"),
        p("2001:db8::/32"), p("2001:db8::"), p("2001:db8::1"), p("8000::1"),
        p("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    List<IpPrefix> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new java.util.Random(7));
    Collections.sort(shuffled);
    assertThat(shuffled).containsExactlyElementsOf(expected);
  }

  @Test
  void orderIsUnsignedOnTheTopBit() {
    // Addresses with the top bit set are "negative" as ints and longs.
    assertThat(p("128.0.0.0")).isGreaterThan(p("127.255.255.255"));
    assertThat(p("8000::")).isGreaterThan(p("7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    assertThat(p("::8000:0:0:0")).isGreaterThan(p("::7fff:ffff:ffff:ffff"));
  }

  @Test
  void compareToIsConsistentWithEqualsOnRandomValues() {
    SplittableRandom r = new SplittableRandom(41);
    for (int i = 0; i < 20_000; i++) {
      IpPrefix a = RandomAddresses.any(r);
      IpPrefix b = r.nextInt(4) == 0 ? IpPrefix.parse(a.toString()) : RandomAddresses.any(r);
      assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
      assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
      if (a.equals(b)) {
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
      }
    }
  }

  @Test
  void equalsDistinguishesFamilyAndLength() {
    assertThat(p("192.0.2.0/24")).isEqualTo(p("192.0.2.0/24")).hasSameHashCodeAs(p("192.0.2.0/24"));
    assertThat(p("192.0.2.0/24")).isNotEqualTo(p("192.0.2.0/25")).isNotEqualTo(p("192.0.2.0"));
    // ::c000:200 and 192.0.2.0 have the same low 32 bits but are different addresses.
    assertThat(p("::c000:200")).isNotEqualTo(p("192.0.2.0"));
    assertThat(p("::/0")).isNotEqualTo(p("0.0.0.0/0"));
    assertThat(p("192.0.2.1")).isNotEqualTo("192.0.2.1").isNotEqualTo(null);
  }

  @Test
  void hashCodesSpreadOverSimilarValues() {
    java.util.Set<Integer> hashes = new java.util.HashSet<>();
    for (int i = 0; i < 256; i++) {
      hashes.add(p("192.0.2." + i).hashCode());
      hashes.add(p("2001:db8::" + Integer.toHexString(i)).hashCode());
    }
    assertThat(hashes).hasSizeGreaterThan(500);
  }
}
