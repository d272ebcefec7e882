package io.github.apiban4j.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** AddressSet against a {@code TreeSet<IpPrefix>} as the reference model. */
class AddressSetTest {

  private static IpPrefix p(String text) {
    return IpPrefix.parse(text);
  }

  private static AddressSet set(String... texts) {
    AddressSet.Builder b = AddressSet.builder();
    for (String t : texts) {
      b.add(t);
    }
    return b.build();
  }

  @Test
  void containsIsExactMembership() {
    AddressSet s = set("192.0.2.1", "198.51.100.0/24", "2001:db8::1", "2001:db8:1::/48");
    assertThat(s.contains(p("192.0.2.1"))).isTrue();
    assertThat(s.contains(p("198.51.100.0/24"))).isTrue();
    assertThat(s.contains(p("2001:db8::1"))).isTrue();
    assertThat(s.contains(p("2001:db8:1::/48"))).isTrue();
    // Covered by a member, but not members themselves.
    assertThat(s.contains(p("198.51.100.7"))).isFalse();
    assertThat(s.contains(p("198.51.100.0/25"))).isFalse();
    assertThat(s.contains(p("198.51.100.0"))).isFalse();
    assertThat(s.contains(p("2001:db8:1::1"))).isFalse();
    assertThat(s.contains(p("2001:db8:1::/64"))).isFalse();
    assertThat(s.contains(p("192.0.2.0/24"))).isFalse();
    assertThat(s.contains(p("::ffff:192.0.2.1"))).isTrue(); // the same value as 192.0.2.1
  }

  @Test
  void matchesIsCoverage() throws Exception {
    AddressSet s = set("192.0.2.1", "198.51.100.0/24", "203.0.113.128/25", "2001:db8:1::/48",
        "2001:db8::1", "2001:db8:2::/127");
    assertThat(s.matches(p("192.0.2.1"))).isTrue();
    assertThat(s.matches(p("192.0.2.2"))).isFalse();
    assertThat(s.matches(p("198.51.100.0"))).isTrue();
    assertThat(s.matches(p("198.51.100.255"))).isTrue();
    assertThat(s.matches(p("198.51.100.128/25"))).isTrue();
    assertThat(s.matches(p("198.51.100.0/24"))).isTrue();
    assertThat(s.matches(p("198.51.100.0/23"))).isFalse();
    assertThat(s.matches(p("198.51.101.0"))).isFalse();
    assertThat(s.matches(p("203.0.113.127"))).isFalse();
    assertThat(s.matches(p("203.0.113.128"))).isTrue();
    assertThat(s.matches(p("2001:db8:1:ffff::1"))).isTrue();
    assertThat(s.matches(p("2001:db8:2::1"))).isTrue();
    assertThat(s.matches(p("2001:db8:2::2"))).isFalse();
    assertThat(s.matches(p("2001:db8::1"))).isTrue();
    assertThat(s.matches(p("2001:db8::2"))).isFalse();
    assertThat(s.matches(p("2001:db8::/32"))).isFalse();
    // A single address never covers a prefix, even one of its own address.
    assertThat(set("192.0.2.0").matches(p("192.0.2.0/31"))).isFalse();
    assertThat(s.matches(InetAddress.getByAddress(p("198.51.100.9").addressBytes()))).isTrue();
    assertThat(s.matches(InetAddress.getByAddress(p("2001:db8:1::9").addressBytes()))).isTrue();
    assertThat(s.matches(InetAddress.getByAddress(p("192.0.2.9").addressBytes()))).isFalse();
  }

  @Test
  void familiesNeverMatchEachOther() {
    AddressSet s = set("0.0.0.0/0");
    assertThat(s.matches(p("2001:db8::1"))).isFalse();
    assertThat(set("::/0").matches(p("192.0.2.1"))).isFalse();
    assertThat(set("::/0").matches(p("2001:db8::1"))).isTrue();
    assertThat(s.matches(p("203.0.113.9"))).isTrue();
  }

  @Test
  void matchesAgreesWithLinearScanForPrefixesOfEveryLength() {
    SplittableRandom r = new SplittableRandom(11);
    List<IpPrefix> members = new ArrayList<>();
    for (int length = 0; length <= 32; length++) {
      members.add(IpPrefix.ipv4(r.nextInt() & IpPrefix.mask32(length), length));
    }
    for (int length = 0; length <= 128; length += 1 + r.nextInt(3)) {
      long hi = r.nextLong() & IpPrefix.mask64Hi(length);
      long lo = r.nextLong() & IpPrefix.mask64Lo(length);
      members.add(IpPrefix.ipv6(hi, lo, length));
    }
    for (int i = 0; i < 500; i++) {
      members.add(RandomAddresses.ipv4Host(r));
      members.add(RandomAddresses.ipv6Host(r));
    }
    AddressSet s = AddressSet.builder().addAll(members).build();
    for (int i = 0; i < 50_000; i++) {
      IpPrefix probe = probe(members, r);
      boolean expected = members.stream().anyMatch(m -> m.contains(probe));
      assertThat(s.matches(probe)).as("%s", probe).isEqualTo(expected);
      assertThat(s.contains(probe)).as("%s", probe).isEqualTo(members.contains(probe));
    }
  }

  /** A probe near a member (inside it or just outside) most of the time, else random. */
  private static IpPrefix probe(List<IpPrefix> members, SplittableRandom r) {
    IpPrefix m = members.get(r.nextInt(members.size()));
    int length = r.nextInt(m.maxLength() + 1);
    if (m.isIpv4()) {
      int bits = r.nextInt(4) == 0 ? r.nextInt() : m.ipv4Bits() ^ (r.nextInt(3) == 0
          ? 1 << r.nextInt(32) : r.nextInt() & ~IpPrefix.mask32(m.length()));
      return IpPrefix.ipv4(bits & IpPrefix.mask32(length), length);
    }
    long hi = m.ipv6High();
    long lo = m.ipv6Low();
    if (r.nextInt(3) == 0) {
      int bit = r.nextInt(128);
      hi ^= bit < 64 ? 1L << bit : 0;
      lo ^= bit >= 64 ? 1L << (bit - 64) : 0;
    } else {
      hi |= r.nextLong() & ~IpPrefix.mask64Hi(m.length());
      lo |= r.nextLong() & ~IpPrefix.mask64Lo(m.length());
    }
    return IpPrefix.ipv6(hi & IpPrefix.mask64Hi(length), lo & IpPrefix.mask64Lo(length), length);
  }

  @Test
  void builderSortsAndDeduplicatesAnyInputOrder() {
    SplittableRandom r = new SplittableRandom(12);
    List<IpPrefix> values = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      values.add(RandomAddresses.any(r));
    }
    values.addAll(values.subList(0, 5_000)); // duplicates
    TreeSet<IpPrefix> reference = new TreeSet<>(values);
    for (long seed = 0; seed < 3; seed++) {
      Collections.shuffle(values, new Random(seed));
      AddressSet s = AddressSet.builder().addAll(values).build();
      assertThat(s.size()).isEqualTo(reference.size());
      assertThat(s).containsExactlyElementsOf(reference);
      assertThat(s.stream().collect(Collectors.toList())).containsExactlyElementsOf(reference);
    }
    Collections.sort(values);
    assertThat(AddressSet.builder().addAll(values).build()).containsExactlyElementsOf(reference);
    Collections.reverse(values);
    assertThat(AddressSet.builder().addAll(values).build()).containsExactlyElementsOf(reference);
  }

  @Test
  void iterationInterleavesHostsAndPrefixesInNaturalOrder() {
    AddressSet s = set("192.0.2.1", "192.0.2.0/24", "192.0.2.0", "192.0.2.0/25", "0.0.0.0/0",
        "198.51.100.0/24", "192.0.2.128/25", "192.0.2.255", "2001:db8::/32", "2001:db8::",
        "2001:db8::1", "::/0", "::", "2001:db8::/33", "2001:db8:8000::/33", "ffff::1");
    assertThat(s).extracting(IpPrefix::toString).containsExactly("0.0.0.0/0", "192.0.2.0/24",
        "192.0.2.0/25", "192.0.2.0", "192.0.2.1", "192.0.2.128/25", "192.0.2.255",
        "198.51.100.0/24", "::/0", "::", "2001:db8::/32", "2001:db8::/33", "2001:db8::",
        "2001:db8::1", "2001:db8:8000::/33", "ffff::1");
  }

  @Test
  void iterationAcrossTheSignBit() {
    AddressSet s = set("128.0.0.1", "127.255.255.255", "128.0.0.0/1", "0.0.0.0/1", "8000::1",
        "7fff::1", "8000::/1");
    assertThat(s).extracting(IpPrefix::toString).containsExactly("0.0.0.0/1",
        "127.255.255.255", "128.0.0.0/1", "128.0.0.1", "7fff::1", "8000::/1", "8000::1");
  }

  @Test
  void setOperationsAgreeWithTreeSet() {
    SplittableRandom r = new SplittableRandom(13);
    for (int round = 0; round < 20; round++) {
      TreeSet<IpPrefix> a = new TreeSet<>();
      TreeSet<IpPrefix> b = new TreeSet<>();
      List<IpPrefix> shared = new ArrayList<>();
      int n = r.nextInt(3_000);
      for (int i = 0; i < n; i++) {
        IpPrefix x = RandomAddresses.any(r);
        switch (r.nextInt(3)) {
          case 0:
            a.add(x);
            break;
          case 1:
            b.add(x);
            break;
          default:
            shared.add(x);
            break;
        }
      }
      a.addAll(shared);
      b.addAll(shared);
      AddressSet sa = AddressSet.copyOf(a);
      AddressSet sb = AddressSet.copyOf(b);

      TreeSet<IpPrefix> union = new TreeSet<>(a);
      union.addAll(b);
      assertThat(sa.union(sb)).containsExactlyElementsOf(union);
      assertThat(sa.union(sb)).isEqualTo(sb.union(sa)).isEqualTo(AddressSet.copyOf(union));

      TreeSet<IpPrefix> minus = new TreeSet<>(a);
      minus.removeAll(b);
      assertThat(sa.minus(sb)).containsExactlyElementsOf(minus);
      assertThat(sa.minus(sa)).isEqualTo(AddressSet.empty());

      assertThat(sa.ipv4()).containsExactlyElementsOf(
          a.stream().filter(IpPrefix::isIpv4).collect(Collectors.toList()));
      assertThat(sa.ipv6()).containsExactlyElementsOf(
          a.stream().filter(IpPrefix::isIpv6).collect(Collectors.toList()));
      assertThat(sa.singleAddresses()).containsExactlyElementsOf(
          a.stream().filter(IpPrefix::isSingleAddress).collect(Collectors.toList()));
      assertThat(sa.prefixes()).containsExactlyElementsOf(
          a.stream().filter(x -> !x.isSingleAddress()).collect(Collectors.toList()));
      assertThat(sa.filter(x -> x.length() % 2 == 0)).containsExactlyElementsOf(
          a.stream().filter(x -> x.length() % 2 == 0).collect(Collectors.toList()));
      assertThat(sa.ipv4().union(sa.ipv6())).isEqualTo(sa);
      assertThat(sa.singleAddresses().union(sa.prefixes())).isEqualTo(sa);
    }
  }

  @Test
  void equalsAndHashCodeFollowTheMembers() {
    AddressSet a = set("192.0.2.1", "2001:db8::/32", "198.51.100.0/24");
    AddressSet b = set("198.51.100.0/24", "2001:db8::/32", "192.0.2.1", "192.0.2.1");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(set("192.0.2.1", "2001:db8::/32"));
    assertThat(a).isNotEqualTo(set("192.0.2.1", "2001:db8::/32", "198.51.100.0/25"));
    assertThat(a.filter(x -> true)).isEqualTo(a);
    assertThat(a.union(AddressSet.empty())).isEqualTo(a);
    assertThat(a).isNotEqualTo(a.toString());
    // The same bits as host and as prefix are different members.
    assertThat(set("192.0.2.0")).isNotEqualTo(set("192.0.2.0/24"));
  }

  @Test
  void emptySet() {
    AddressSet empty = AddressSet.empty();
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.size()).isZero();
    assertThat(empty).isEmpty();
    assertThat(empty.contains(p("192.0.2.1"))).isFalse();
    assertThat(empty.matches(p("2001:db8::1"))).isFalse();
    assertThat(AddressSet.builder().build()).isEqualTo(empty);
    assertThat(AddressSet.of()).isEqualTo(empty).hasSameHashCodeAs(empty);
    assertThat(empty.union(empty)).isEqualTo(empty);
    assertThat(empty.minus(set("192.0.2.1"))).isEqualTo(empty);
    assertThat(set("192.0.2.1").minus(empty)).isEqualTo(set("192.0.2.1"));
    assertThat(empty.ipv4()).isEqualTo(empty);
    assertThat(empty.prefixes()).isEqualTo(empty);
    assertThat(empty.filter(x -> true)).isEqualTo(empty);
    assertThat(empty.iterator().hasNext()).isFalse();
    assertThat(empty.toString()).isEqualTo("AddressSet[0]");
  }

  @Test
  void builderIsSingleUseAndRejectsBadText() {
    AddressSet.Builder b = AddressSet.builder().add("192.0.2.1");
    assertThat(b.size()).isEqualTo(1);
    b.build();
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AddressSet.builder().add("192.0.2.1; reboot"))
        .isInstanceOf(AddressFormatException.class);
    assertThatThrownBy(() -> AddressSet.builder().add((IpPrefix) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void builderSizeCountsDuplicatesUntilBuilt() {
    AddressSet.Builder b = AddressSet.builder();
    b.add("192.0.2.1").add("192.0.2.1").add("2001:db8::/32").add("2001:db8::/32");
    assertThat(b.size()).isEqualTo(4);
    assertThat(b.build().size()).isEqualTo(2);
  }

  @Test
  void addIpv4IsTheSameAsAddingTheSingleAddress() {
    AddressSet a = AddressSet.builder().addIpv4(0xC0000201).addIpv4(0xCB007180).build();
    assertThat(a).isEqualTo(set("192.0.2.1", "203.0.113.128"));
  }

  @Test
  void copyOfAnAddressSetIsItself() {
    AddressSet a = set("192.0.2.1");
    assertThat(AddressSet.copyOf(a)).isSameAs(a);
    assertThat(AddressSet.copyOf(List.of(p("192.0.2.1")))).isEqualTo(a);
  }

  @Test
  void toStringShowsSizeAndFirstMembers() {
    assertThat(set("192.0.2.1", "2001:db8::/32").toString())
        .isEqualTo("AddressSet[2: 192.0.2.1, 2001:db8::/32]");
    AddressSet.Builder b = AddressSet.builder();
    for (int i = 0; i < 20; i++) {
      b.add("198.51.100." + i);
    }
    assertThat(b.build().toString()).startsWith("AddressSet[20: 198.51.100.0, ").endsWith("…]");
  }

  @Test
  void iteratorEndsWithNoSuchElement() {
    var it = set("192.0.2.1").iterator();
    it.next();
    assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void buildsAMillionIpv4Addresses() {
    SplittableRandom r = new SplittableRandom(14);
    int[] bits = new int[1_000_000];
    AddressSet.Builder b = AddressSet.builder();
    for (int i = 0; i < bits.length; i++) {
      bits[i] = r.nextInt();
      b.addIpv4(bits[i]);
    }
    AddressSet s = b.build();
    long distinct = java.util.Arrays.stream(bits).distinct().count();
    assertThat(s.size()).isEqualTo(distinct).isGreaterThan(999_000);
    for (int i = 0; i < bits.length; i += 997) {
      assertThat(s.contains(IpPrefix.ipv4(bits[i], 32))).isTrue();
    }
    IpPrefix previous = null;
    int count = 0;
    for (IpPrefix x : s) {
      if (previous != null) {
        assertThat(previous.compareTo(x)).isNegative();
      }
      previous = x;
      count++;
    }
    assertThat(count).isEqualTo(s.size());
    // Four bytes an address: the int[] lane holds exactly the distinct addresses.
    assertThat(s.v4Hosts).hasSize(s.size());
  }
}
