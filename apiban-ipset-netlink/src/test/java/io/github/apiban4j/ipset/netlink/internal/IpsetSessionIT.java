package io.github.apiban4j.ipset.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.ipset.netlink.internal.codec.Ipset;
import io.github.apiban4j.ipset.netlink.internal.codec.ListReply;
import io.github.apiban4j.ipset.netlink.internal.codec.Netlink;
import io.github.apiban4j.ipset.netlink.internal.jnr.NetlinkSocket;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.TestAddresses;
import io.github.apiban4j.testkit.TestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session against the real kernel, inside a namespace, checked with the ipset tool. */
class IpsetSessionIT {
  private static NetworkNamespace ns;
  private static IpsetSession session;

  @BeforeAll
  static void open() throws Exception {
    ns = NetworkNamespace.create();
    TestEnvironment.requireCommand("ipset", "ipset");
    session = new IpsetSession(() -> NetlinkSocket.open(Optional.of(ns.path()),
        Duration.ofSeconds(5)));
  }

  @AfterAll
  static void close() throws Exception {
    if (session != null) {
      session.close();
    }
    if (ns != null) {
      ns.close();
    }
  }

  @Test
  void speaksProtocolSevenAndKnowsHashNet() throws Exception {
    int[] range = session.protocol();
    assertThat(range[0]).isGreaterThanOrEqualTo(Ipset.PROTOCOL);
    assertThat(range[1]).isLessThanOrEqualTo(Ipset.PROTOCOL);
    assertThat(session.maxRevision("hash:net", Netlink.NFPROTO_IPV4)).isGreaterThanOrEqualTo(6);
  }

  @Test
  void createsFillsListsTestsSwapsAndDestroys() throws Exception {
    session.create("s4", "hash:net", 6, Netlink.NFPROTO_IPV4, 1024, 65536);
    session.create("s4", "hash:net", 6, Netlink.NFPROTO_IPV4, 1024, 65536); // identical: fine
    List<IpPrefix> entries = ipv4(700);
    session.bulk(Ipset.CMD_ADD, "s4", entries);
    session.bulk(Ipset.CMD_ADD, "s4", List.of(IpPrefix.parse("198.51.100.0/24")));
    session.bulk(Ipset.CMD_ADD, "s4", entries.subList(0, 10)); // re-adds are harmless

    ListReply list = session.list("s4", false).orElseThrow();
    AddressSet members = list.members();
    assertThat(members.size()).isEqualTo(701);
    assertThat(list.header().typeName()).isEqualTo("hash:net");
    assertThat(list.header().maxElem()).isEqualTo(65536);
    assertThat(ns.exec("ipset", "list", "s4").stdout()).contains("Number of entries: 701");
    assertThat(session.test("s4", IpPrefix.parse("198.51.100.77"))).isTrue();
    assertThat(session.test("s4", IpPrefix.parse("203.0.113.250"))).isFalse();

    session.bulk(Ipset.CMD_DEL, "s4", entries.subList(0, 600));
    session.bulk(Ipset.CMD_DEL, "s4", entries.subList(0, 10)); // absent: harmless
    assertThat(session.list("s4", true).orElseThrow().header().elements()).isEqualTo(101);

    session.create("s4new", "hash:net", 6, Netlink.NFPROTO_IPV4, 64, 1024);
    session.swap("s4new", "s4");
    assertThat(session.list("s4", true).orElseThrow().header().elements()).isZero();
    session.destroy("s4new");
    session.destroy("s4");
    session.destroy("s4"); // absent: fine
    assertThat(session.list("s4", false)).isEmpty();
  }

  @Test
  void aWrongFamilyIsRefusedAtTheFailingElement() throws Exception {
    session.create("fam4", "hash:net", 6, Netlink.NFPROTO_IPV4, 64, 1024);
    List<IpPrefix> mixed = List.of(IpPrefix.parse("192.0.2.10"), IpPrefix.parse("2001:db8::1"));
    assertThatThrownBy(() -> session.bulk(Ipset.CMD_ADD, "fam4", mixed))
        .isInstanceOfSatisfying(IpsetKernelException.class, e -> {
          assertThat(e.errno()).isEqualTo(Ipset.ERR_PROTOCOL);
          assertThat(e.element()).hasValue(IpPrefix.parse("2001:db8::1"));
        });
    assertThat(session.list("fam4", false).orElseThrow().members())
        .containsExactly(IpPrefix.parse("192.0.2.10"));
    session.destroy("fam4");
  }

  @Test
  void aFullSetIsRefusedAndKeepsWhatFitted() throws Exception {
    session.create("tiny", "hash:net", 6, Netlink.NFPROTO_IPV4, 64, 3);
    List<IpPrefix> five = ipv4(5);
    assertThatThrownBy(() -> session.bulk(Ipset.CMD_ADD, "tiny", five))
        .isInstanceOfSatisfying(IpsetKernelException.class, e -> {
          assertThat(e.errno()).isEqualTo(Ipset.ERR_HASH_FULL);
          assertThat(e.element()).hasValue(five.get(3));
        });
    assertThat(session.list("tiny", true).orElseThrow().header().elements()).isEqualTo(3);
    session.destroy("tiny");
  }

  @Test
  void aFullSetRefusesAnAdditionAfterTheDeletionsOfTheSameSendMadeRoom() throws Exception {
    session.create("room", "hash:net", 6, Netlink.NFPROTO_IPV4, 64, 3);
    List<IpPrefix> all = ipv4(16).subList(10, 16);
    session.bulk(Ipset.CMD_ADD, "room", all.subList(0, 3));

    // One send: delete one member, then add three, of which only the first finds room.
    assertThatThrownBy(() -> session.change("room", all.subList(0, 1), all.subList(3, 6)))
        .isInstanceOfSatisfying(IpsetKernelException.class, e -> {
          assertThat(e.command()).isEqualTo("add");
          assertThat(e.errno()).isEqualTo(Ipset.ERR_HASH_FULL);
          assertThat(e.element()).hasValue(all.get(4));
        });
    assertThat(session.list("room", false).orElseThrow().members())
        .isEqualTo(AddressSet.copyOf(List.of(all.get(1), all.get(2), all.get(3))));
    session.destroy("room");
  }

  private static List<IpPrefix> ipv4(int count) {
    return IntStream.range(0, count).mapToObj(i -> IpPrefix.parse(TestAddresses.ipv4(i))).toList();
  }

  @Test
  void aMissingSetIsNoSuchFile() throws Exception {
    assertThatThrownBy(() -> session.bulk(Ipset.CMD_ADD, "absent",
        List.of(IpPrefix.parse("192.0.2.1"))))
        .isInstanceOfSatisfying(IpsetKernelException.class,
            e -> assertThat(e.errno()).isEqualTo(2));
  }
}
