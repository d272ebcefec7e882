package io.github.apiban4j.ipset.netlink.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The encoder against messages captured with strace from ipset 7.17 on a 6.x kernel (see
 * netlink.md, section 2.5). Where apiban4j deliberately differs from the ipset tool (no
 * NLM_F_EXCL, a top-level LINENO of 0, no set timeout), the capture is patched in exactly those
 * bytes and the test says so.
 */
class IpsetRequestsTest {
  private static final int SEQ = 0x6b0606ba;

  private final MessageWriter out = MessageWriter.allocateDirect(1 << 20);
  private final IpsetRequests requests = new IpsetRequests(out);

  @Test
  void bulkAddMatchesIpsetRestoreCapture() {
    // ipset restore: flags 0x0205 (REQUEST|ACK|EXCL) and top-level LINENO 1. apiban4j sends
    // 0x0005 (no EXCL: re-adds are harmless) and LINENO 0 (only the elements' numbers matter).
    String capture = """
        ac 00 00 00 09 06 05 00 ba 06 06 6b 00 00 00 00
        02 00 00 00
        05 00 01 00 07 00 00 00
        0b 00 02 00 70 72 6f 62 65 34 00 00
        08 00 09 40 00 00 00 00
        7c 00 08 80
        18 00 07 80 0c 00 01 80 08 00 01 40 0a 00 00 01 08 00 09 40 00 00 00 01
        18 00 07 80 0c 00 01 80 08 00 01 40 0a 00 00 02 08 00 09 40 00 00 00 02
        18 00 07 80 0c 00 01 80 08 00 01 40 0a 00 00 03 08 00 09 40 00 00 00 03
        18 00 07 80 0c 00 01 80 08 00 01 40 c6 33 64 04 08 00 09 40 00 00 00 04
        18 00 07 80 0c 00 01 80 08 00 01 40 cb 00 71 05 08 00 09 40 00 00 00 05
        """;
    List<IpPrefix> entries = prefixes("10.0.0.1", "10.0.0.2", "10.0.0.3", "198.51.100.4",
        "203.0.113.5");

    int n = requests.adt(SEQ, Ipset.CMD_ADD, "probe4", new Elements(entries));

    assertThat(n).isEqualTo(5);
    assertThat(Hex.of(out.written())).isEqualTo(Hex.of(Hex.bytes(capture)));
  }

  @Test
  void createMatchesIpsetCreateCapture() {
    // ipset create blk4 hash:ip family inet hashsize 1024 maxelem 65536 timeout 3600: flags
    // 0x0605 and a TIMEOUT option. apiban4j sends 0x0405 (no EXCL: an identical set is fine) and
    // no timeout (the sync engine expires entries itself), so the length drops from 96 to 88.
    String capture = """
        58 00 00 00 02 06 05 04 aa 06 06 6b 00 00 00 00
        02 00 00 00
        05 00 01 00 07 00 00 00
        09 00 02 00 62 6c 6b 34 00 00 00 00
        0c 00 03 00 68 61 73 68 3a 69 70 00
        05 00 04 00 06 00 00 00
        05 00 05 00 02 00 00 00
        14 00 07 80
        08 00 12 40 00 00 04 00
        08 00 13 40 00 01 00 00
        """;

    requests.create(0x6b0606aa, "blk4", "hash:ip", 6, Netlink.NFPROTO_IPV4, 1024, 65536);

    assertThat(Hex.of(out.written())).isEqualTo(Hex.of(Hex.bytes(capture)));
  }

  @Test
  void testMessageMatchesIpsetAddExistCaptureWithTheTestType() {
    // ipset add -exist probe4 10.1.2.3 (type 0x0609, flags 0x0005); TEST has the same body.
    String capture = """
        40 00 00 00 0b 06 05 00 b6 06 06 6b 00 00 00 00
        02 00 00 00
        05 00 01 00 07 00 00 00
        0b 00 02 00 70 72 6f 62 65 34 00 00
        18 00 07 80 0c 00 01 80 08 00 01 40 0a 01 02 03 08 00 09 40 00 00 00 00
        """;

    requests.test(0x6b0606b6, "probe4", IpPrefix.parse("10.1.2.3"));

    assertThat(Hex.of(out.written())).isEqualTo(Hex.of(Hex.bytes(capture)));
  }

  @Test
  void prefixesCarryTheirLengthAndIpv6ItsSixteenBytes() {
    requests.adt(1, Ipset.CMD_DEL, "s", new Elements(prefixes("192.0.2.0/24", "2001:db8::1")));
    String hex = Hex.of(out.written());
    // DATA{IP{IPV4 192.0.2.0} CIDR=24 LINENO=1}
    assertThat(hex).contains(Hex.of(Hex.bytes(
        "20 00 07 80 0c 00 01 80 08 00 01 40 c0 00 02 00 05 00 03 00 18 00 00 00"
            + " 08 00 09 40 00 00 00 01")));
    // DATA{IP{IPV6 2001:db8::1} LINENO=2}
    assertThat(hex).contains(Hex.of(Hex.bytes(
        "24 00 07 80 18 00 01 80 14 00 02 40 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"
            + " 08 00 09 40 00 00 00 02")));
    assertThat(hex).startsWith("74 00 00 00 0a 06 05 00"); // 116 bytes, DEL, REQUEST|ACK
  }

  @Test
  void aMessageNeverOutgrowsItsSixtyFourKibNestAndBatchesCoverEveryEntry() {
    List<IpPrefix> entries = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      entries.add(IpPrefix.ipv6(0x20010db800000000L | i, 0, 64));
    }
    Elements elements = new Elements(entries);
    int messages = 0;
    while (elements.hasNext()) {
      out.clear();
      int n = requests.adt(messages + 1, Ipset.CMD_ADD, "apiban6", elements);
      assertThat(n).isPositive().isLessThanOrEqualTo(IpsetRequests.MAX_ELEMENTS_PER_MESSAGE);
      NetlinkMessage m = NetlinkMessage.split(out.written()).get(0);
      Attributes adt = m.attributes().find(Ipset.ATTR_ADT);
      assertThat(adt.length() + Netlink.NLA_HDRLEN).isLessThanOrEqualTo(Netlink.NLA_MAX_LEN);
      messages++;
    }
    // 44 bytes an element: at most 1,489 fit in one nest.
    assertThat(messages).isEqualTo(4);
    assertThat(elements.taken()).isEqualTo(5000);
  }

  @Test
  void stopsWhenTheWriterIsFullAndTheNextMessageGoesOnFromThere() {
    MessageWriter small = MessageWriter.allocateDirect(300);
    Elements elements = new Elements(prefixes("192.0.2.1", "192.0.2.3", "192.0.2.4",
        "192.0.2.5", "192.0.2.6", "192.0.2.7", "192.0.2.8", "192.0.2.9", "192.0.2.10",
        "192.0.2.11", "192.0.2.12"));
    int n = new IpsetRequests(small).adt(1, Ipset.CMD_ADD, "apiban4", elements);
    assertThat(n).isBetween(1, 10);
    assertThat(elements.taken()).isEqualTo(n);
    assertThat(small.position()).isLessThanOrEqualTo(300);
    assertThat(NetlinkMessage.split(small.written())).hasSize(1);
    // The element that did not fit is the next message's first, numbered by its place.
    small.clear();
    int more = new IpsetRequests(small).adt(2, Ipset.CMD_ADD, "apiban4", elements);
    assertThat(more).isPositive();
    Attributes first = NetlinkMessage.split(small.written()).get(0).attributes()
        .find(Ipset.ATTR_ADT).nested();
    assertThat(first.next()).isTrue();
    assertThat(first.nested().u32Be(Ipset.ATTR_CADT_LINENO)).hasValue(n + 1);
  }

  @Test
  void anAddressSetIsEncodedStraightFromItsMembersAsTheSameListWouldBe() {
    List<IpPrefix> list = prefixes("192.0.2.1", "198.51.100.0/24", "203.0.113.9", "2001:db8::7",
        "2001:db8:1::/48");
    requests.adt(9, Ipset.CMD_ADD, "s", new Elements(list));
    String fromList = Hex.of(out.written());
    out.clear();

    Elements fromSet = new Elements(AddressSet.copyOf(list));
    requests.adt(9, Ipset.CMD_ADD, "s", fromSet);

    assertThat(Hex.of(out.written())).isEqualTo(fromList);
    assertThat(fromSet.hasNext()).isFalse();
    assertThat(fromSet.at(3)).hasValue(IpPrefix.parse("2001:db8::7"));
    assertThat(fromSet.at(5)).isEmpty();
    assertThat(fromSet.at(-1)).isEmpty();
  }

  @Test
  void randomEntriesRoundTripThroughTheListDecoder() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 50; round++) {
      List<IpPrefix> entries = new ArrayList<>();
      int count = 1 + random.nextInt(3000);
      for (int i = 0; i < count; i++) {
        entries.add(randomPrefix(random));
      }
      ListReply reply = new ListReply();
      Elements elements = new Elements(entries);
      while (elements.hasNext()) {
        out.clear();
        assertThat(requests.adt(round, Ipset.CMD_ADD, "rt", elements)).isPositive();
        NetlinkMessage.split(out.written()).forEach(reply::accept);
      }
      assertThat(reply.members()).containsExactlyInAnyOrderElementsOf(
          entries.stream().distinct().toList());
    }
  }

  private static IpPrefix randomPrefix(SplittableRandom random) {
    if (random.nextBoolean()) {
      int length = random.nextInt(4) == 0 ? 1 + random.nextInt(32) : 32;
      int bits = random.nextInt();
      return IpPrefix.ipv4(length == 32 ? bits : bits & (int) (0xFFFF_FFFFL << (32 - length)),
          length);
    }
    int length = random.nextInt(4) == 0 ? 1 + random.nextInt(128) : 128;
    long high = 0x2001_0db8_0000_0000L | (random.nextLong() & 0xFFFF_FFFFL);
    long low = random.nextLong();
    IpPrefix host = IpPrefix.ipv6(high, low, 128);
    return length == 128 ? host : IpPrefix.ipv6(mask(high, length), mask(low, length - 64), length);
  }

  private static long mask(long bits, int length) {
    if (length <= 0) {
      return 0;
    }
    return length >= 64 ? bits : bits & (-1L << (64 - length));
  }

  static List<IpPrefix> prefixes(String... literals) {
    return List.of(literals).stream().map(IpPrefix::parse).toList();
  }
}
