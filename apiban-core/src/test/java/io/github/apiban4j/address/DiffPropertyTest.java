package io.github.apiban4j.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Diff.between over random pairs of sets: mixed families, hosts and prefixes, 0 to 100k. */
class DiffPropertyTest {

  /** desired size, current size, fraction of the smaller set they share, seed. */
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(0, 0, 0.0, 1L),
        Arguments.of(0, 1_000, 0.0, 2L),
        Arguments.of(1_000, 0, 0.0, 3L),
        Arguments.of(1, 1, 1.0, 4L),
        Arguments.of(1, 1, 0.0, 5L),
        Arguments.of(5_000, 5_000, 0.0, 6L),
        Arguments.of(5_000, 5_000, 1.0, 7L),
        Arguments.of(5_000, 5_000, 0.5, 8L),
        Arguments.of(10_000, 3_000, 0.9, 9L),
        Arguments.of(3_000, 10_000, 0.9, 10L),
        Arguments.of(100_000, 100_000, 0.99, 11L),
        Arguments.of(100_000, 20_000, 0.3, 12L),
        Arguments.of(20_000, 100_000, 0.7, 13L));
  }

  @ParameterizedTest(name = "desired {0}, current {1}, shared {2}")
  @MethodSource("shapes")
  void diffTurnsCurrentIntoDesired(int desiredSize, int currentSize, double shared, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<IpPrefix> desiredList = new ArrayList<>();
    List<IpPrefix> currentList = new ArrayList<>();
    int common = (int) (Math.min(desiredSize, currentSize) * shared);
    for (int i = 0; i < common; i++) {
      IpPrefix x = mixed(r);
      desiredList.add(x);
      currentList.add(x);
    }
    while (desiredList.size() < desiredSize) {
      desiredList.add(mixed(r));
    }
    while (currentList.size() < currentSize) {
      currentList.add(mixed(r));
    }
    AddressSet desired = AddressSet.copyOf(desiredList);
    AddressSet current = AddressSet.copyOf(currentList);

    Diff diff = Diff.between(desired, current);

    assertThat(diff.applyTo(current)).isEqualTo(desired);
    assertThat(diff.toAdd().minus(current)).as("toAdd and current are disjoint")
        .isEqualTo(diff.toAdd());
    assertThat(diff.toRemove().minus(current)).as("toRemove is a subset of current").isEmpty();
    assertThat(diff.toAdd().minus(diff.toRemove())).as("toAdd and toRemove are disjoint")
        .isEqualTo(diff.toAdd());
    assertThat(diff.toAdd().minus(desired)).as("toAdd is a subset of desired").isEmpty();
    assertThat(diff.toRemove().minus(desired)).as("nothing desired is removed")
        .isEqualTo(diff.toRemove());
    assertThat(diff.size()).isEqualTo(diff.toAdd().size() + diff.toRemove().size());
    assertThat(diff.isEmpty()).isEqualTo(desired.equals(current));
    // Per family, as backends with one kernel set per family apply it.
    assertThat(diff.ipv4().applyTo(current.ipv4())).isEqualTo(desired.ipv4());
    assertThat(diff.ipv6().applyTo(current.ipv6())).isEqualTo(desired.ipv6());
    // The reverse diff undoes it.
    Diff back = Diff.between(current, desired);
    assertThat(back.toAdd()).isEqualTo(diff.toRemove());
    assertThat(back.toRemove()).isEqualTo(diff.toAdd());

    if (desiredSize + currentSize <= 30_000) {
      TreeSet<IpPrefix> add = new TreeSet<>(desiredList);
      currentList.forEach(add::remove);
      TreeSet<IpPrefix> remove = new TreeSet<>(currentList);
      desiredList.forEach(remove::remove);
      assertThat(diff.toAdd()).containsExactlyElementsOf(add);
      assertThat(diff.toRemove()).containsExactlyElementsOf(remove);
    }
  }

  @Test
  void diffOfASetWithItselfOrAnEqualCopyIsEmpty() {
    SplittableRandom r = new SplittableRandom(21);
    for (int size : new int[] {0, 1, 17, 10_000}) {
      List<IpPrefix> list = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        list.add(mixed(r));
      }
      AddressSet x = AddressSet.copyOf(list);
      AddressSet copy = x.filter(p -> true);
      assertThat(Diff.between(x, x).isEmpty()).isTrue();
      assertThat(Diff.between(x, copy).isEmpty()).isTrue();
      assertThat(Diff.between(x, copy).size()).isZero();
      assertThat(Diff.between(x, x)).isEqualTo(Diff.none());
    }
  }

  @Test
  void hostAndPrefixOfTheSameBitsAreDifferentEntries() {
    AddressSet desired = AddressSet.of(IpPrefix.parse("192.0.2.0/24"));
    AddressSet current = AddressSet.of(IpPrefix.parse("192.0.2.0"));
    Diff diff = Diff.between(desired, current);
    assertThat(diff.toAdd()).containsExactly(IpPrefix.parse("192.0.2.0/24"));
    assertThat(diff.toRemove()).containsExactly(IpPrefix.parse("192.0.2.0"));
    assertThat(diff).hasToString("Diff[+1 -1]");
  }

  @Test
  void onePercentChangeOfHundredThousandIpv4() {
    SplittableRandom r = new SplittableRandom(22);
    AddressSet.Builder current = AddressSet.builder();
    AddressSet.Builder desired = AddressSet.builder();
    int[] added = new int[500];
    int[] removed = new int[500];
    for (int i = 0; i < 100_000; i++) {
      int bits = r.nextInt();
      if (i < removed.length) {
        removed[i] = bits;
        current.addIpv4(bits);
      } else {
        current.addIpv4(bits);
        desired.addIpv4(bits);
      }
    }
    for (int i = 0; i < added.length; i++) {
      added[i] = r.nextInt();
      desired.addIpv4(added[i]);
    }
    Diff diff = Diff.between(desired.build(), current.build());
    assertThat(diff.toAdd().size()).isEqualTo(500);
    assertThat(diff.toRemove().size()).isEqualTo(500);
    for (int i = 0; i < 500; i++) {
      assertThat(diff.toAdd().contains(IpPrefix.ipv4(added[i], 32))).isTrue();
      assertThat(diff.toRemove().contains(IpPrefix.ipv4(removed[i], 32))).isTrue();
    }
  }

  /**
   * Hosts and prefixes of both families, drawn from a few dense regions so that random sets
   * overlap in address space as well as by chance.
   */
  private static IpPrefix mixed(SplittableRandom r) {
    switch (r.nextInt(8)) {
      case 0:
        return RandomAddresses.ipv4Prefix(r);
      case 1:
        return RandomAddresses.ipv6Host(r);
      case 2:
        return RandomAddresses.ipv6Prefix(r);
      case 3:
        return IpPrefix.ipv4(0xC6336400 | r.nextInt(256), 32); // 198.51.100.0/24
      default:
        return RandomAddresses.ipv4Host(r);
    }
  }
}
