package io.github.apiban4j.ipset.netlink.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The dump decoder against replies captured with strace ({@code ipset list}, ipset 7.17, kernel
 * 6.18) and against hand-made elements the kernel does not send but the decoder must survive.
 */
class ListReplyTest {

  @Test
  void decodesTheKernelsDumpOfAnIpv4Set() {
    // ipset list cap4: hash:net, 192.0.2.1 and 198.51.100.0/24 (the kernel gives a host CIDR 32)
    ListReply reply = decode("""
        c0 00 00 00 07 06 02 00 c9 53 06 6b 1e 32 00 00
        02 00 00 00 05 00 01 00 07 00 00 00 09 00 02 00
        63 61 70 34 00 00 00 00 0d 00 03 00 68 61 73 68
        3a 6e 65 74 00 00 00 00 05 00 05 00 02 00 00 00
        05 00 04 00 07 00 00 00 06 00 0b 40 00 00 00 00
        3c 00 07 80 08 00 12 40 00 00 04 00 08 00 13 40
        00 01 00 00 05 00 15 00 0c 00 00 00 08 00 11 40
        06 8e 3d c6 08 00 19 40 00 00 00 00 08 00 1a 40
        00 00 02 28 08 00 18 40 00 00 00 02 34 00 08 80
        18 00 07 80 0c 00 01 80 08 00 01 00 c0 00 02 01
        05 00 03 00 20 00 00 00 18 00 07 80 0c 00 01 80
        08 00 01 00 c6 33 64 00 05 00 03 00 18 00 00 00
        """);

    assertThat(reply.header()).isEqualTo(
        new SetHeader("cap4", "hash:net", Netlink.NFPROTO_IPV4, 7, 1024, 65536, 2, 0));
    assertThat(reply.members()).isEqualTo(set("192.0.2.1", "198.51.100.0/24"));
  }

  @Test
  void decodesTheKernelsDumpOfAnIpv6Set() {
    // ipset list cap6: hash:net family inet6, 2001:db8::5 and 2001:db8:1::/48
    ListReply reply = decode("""
        d8 00 00 00 07 06 02 00 c7 53 06 6b fe 2f 00 00
        02 00 00 00 05 00 01 00 07 00 00 00 09 00 02 00
        63 61 70 36 00 00 00 00 0d 00 03 00 68 61 73 68
        3a 6e 65 74 00 00 00 00 05 00 05 00 0a 00 00 00
        05 00 04 00 07 00 00 00 06 00 0b 40 00 01 00 00
        3c 00 07 80 08 00 12 40 00 00 04 00 08 00 13 40
        00 01 00 00 05 00 15 00 0c 00 00 00 08 00 11 40
        01 7a 8e 3b 08 00 19 40 00 00 00 00 08 00 1a 40
        00 00 05 68 08 00 18 40 00 00 00 02 4c 00 08 80
        24 00 07 80 18 00 01 80 14 00 02 00 20 01 0d b8
        00 00 00 00 00 00 00 00 00 00 00 05 05 00 03 00
        80 00 00 00 24 00 07 80 18 00 01 80 14 00 02 00
        20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 00
        05 00 03 00 30 00 00 00
        """);

    assertThat(reply.header().family()).isEqualTo(Netlink.NFPROTO_IPV6);
    assertThat(reply.header().elements()).isEqualTo(2);
    assertThat(reply.members()).isEqualTo(set("2001:db8::5", "2001:db8:1::/48"));
  }

  @Test
  void anElementsAttributesMayComeInAnyOrderAndAHostMayLackItsLength() {
    ListReply reply = new ListReply();
    reply.accept(dump(out -> {
      out.putNestHeader(Ipset.ATTR_DATA, 8 + 12); // CIDR, IP{IPV4}
      out.putU8(Ipset.ATTR_CIDR, 24);
      out.putNestHeader(Ipset.ATTR_IP, 8);
      out.putIpv4(Ipset.ATTR_IPADDR_IPV4, 0xCB007100); // 203.0.113.0
      out.putNestHeader(Ipset.ATTR_DATA, 12);
      out.putNestHeader(Ipset.ATTR_IP, 8);
      out.putIpv4(Ipset.ATTR_IPADDR_IPV4, 0xC0000209); // 192.0.2.9, no CIDR
    }));

    assertThat(reply.header()).isNull();
    assertThat(reply.members()).isEqualTo(set("203.0.113.0/24", "192.0.2.9"));
  }

  @Test
  void anElementWithoutAUsableAddressIsAMalformedReplyNotAnEntry() {
    assertMalformed("without an address", out -> {
      out.putNestHeader(Ipset.ATTR_DATA, 8);
      out.putU8(Ipset.ATTR_CIDR, 24);
    });
    assertMalformed("empty address", out -> {
      out.putNestHeader(Ipset.ATTR_DATA, 4);
      out.putNestHeader(Ipset.ATTR_IP, 0);
    });
    assertMalformed("address attribute type 9", out -> {
      out.putNestHeader(Ipset.ATTR_DATA, 12);
      out.putNestHeader(Ipset.ATTR_IP, 8);
      out.putIpv4(9, 0xC0000201);
    });
    assertMalformed("does not decode", out -> { // host bits set below the length
      out.putNestHeader(Ipset.ATTR_DATA, 20);
      out.putNestHeader(Ipset.ATTR_IP, 8);
      out.putIpv4(Ipset.ATTR_IPADDR_IPV4, 0xC0000201);
      out.putU8(Ipset.ATTR_CIDR, 24);
    });
  }

  private static void assertMalformed(String message, Consumer<MessageWriter> elements) {
    NetlinkMessage m = dump(elements);
    assertThatThrownBy(() -> new ListReply().accept(m))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining(message);
  }

  /** A LIST reply without a header whose ADT nest holds what {@code elements} writes. */
  private static NetlinkMessage dump(Consumer<MessageWriter> elements) {
    MessageWriter out = MessageWriter.allocateDirect(4096);
    int m = out.beginMessage(Ipset.messageType(Ipset.CMD_LIST), 2, 1);
    out.putString(Ipset.ATTR_SETNAME, "s");
    int adt = out.beginNest(Ipset.ATTR_ADT);
    elements.accept(out);
    out.endNest(adt);
    out.endMessage(m);
    return NetlinkMessage.split(out.written()).get(0);
  }

  private static ListReply decode(String capture) {
    ListReply reply = new ListReply();
    NetlinkMessage.split(Hex.direct(Hex.bytes(capture))).forEach(reply::accept);
    return reply;
  }

  private static AddressSet set(String... literals) {
    AddressSet.Builder b = AddressSet.builder();
    for (String s : literals) {
      b.add(IpPrefix.parse(s));
    }
    return b.build();
  }
}
