package io.github.apiban4j.ipset.netlink.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies decoded from captures (netlink.md, sections 2.5 and 2.7) and built to their layout. */
class KernelErrorTest {

  @Test
  void decodesTheCapturedAck() {
    ByteBuffer reply = Hex.direct(Hex.bytes("""
        24 00 00 00 02 00 00 01 b6 06 06 6b ac 1e 00 00
        00 00 00 00
        40 00 00 00 09 06 05 02 b6 06 06 6b 00 00 00 00
        """));
    List<NetlinkMessage> messages = NetlinkMessage.split(reply);

    assertThat(messages).hasSize(1);
    KernelError e = KernelError.decode(messages.get(0));
    assertThat(e.isAck()).isTrue();
    assertThat(e.seq()).isEqualTo(0x6b0606b6);
    assertThat(e.lineno()).isEmpty();
  }

  @Test
  void decodesAnExistErrorThatEchoesTheRequest() {
    String request = """
        40 00 00 00 09 06 05 02 b6 06 06 6b 00 00 00 00
        02 00 00 00
        05 00 01 00 07 00 00 00
        0b 00 02 00 70 72 6f 62 65 34 00 00
        18 00 07 80 0c 00 01 80 08 00 01 40 0a 01 02 03 08 00 09 40 00 00 00 00
        """;
    ByteBuffer reply = Hex.direct(Hex.bytes("54 00 00 00 02 00 00 00 b6 06 06 6b ac 1e 00 00"
        + " f9 ef ff ff " + request));

    KernelError e = KernelError.decode(NetlinkMessage.split(reply).get(0));

    assertThat(e.errno()).isEqualTo(Ipset.ERR_EXIST);
    assertThat(e.seq()).isEqualTo(0x6b0606b6);
    assertThat(e.lineno()).isEmpty();
  }

  @Test
  void findsTheFailingElementThroughTheEchoedLineno() {
    MessageWriter out = MessageWriter.allocateDirect(4096);
    new IpsetRequests(out).adt(77, Ipset.CMD_ADD, "apiban4",
        new Elements(IpsetRequestsTest.prefixes("192.0.2.1", "192.0.2.3", "192.0.2.4")));
    ByteBuffer request = out.written();
    // The kernel copies the request and overwrites the top-level LINENO with the failing one's.
    int linenoValue = 16 + 4 + 8 + 12 + 4;
    request.order(ByteOrder.BIG_ENDIAN).putInt(linenoValue, 3);

    KernelError e = KernelError.decode(errorReply(-Ipset.ERR_HASH_FULL, request, 0));

    assertThat(e.errno()).isEqualTo(Ipset.ERR_HASH_FULL);
    assertThat(e.seq()).isEqualTo(77);
    assertThat(e.lineno()).hasValue(3);
  }

  @Test
  void readsTheExtendedAckText() {
    MessageWriter out = MessageWriter.allocateDirect(4096);
    new IpsetRequests(out).destroy(5, "apiban4");
    ByteBuffer request = out.written();
    byte[] tlv = Hex.bytes("27 00 01 00") ;
    byte[] text = "Attribute failed policy validation\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    ByteBuffer tlvs = ByteBuffer.allocate(Netlink.align(4 + text.length));
    tlvs.put(tlv).put(text).clear();

    KernelError e = KernelError.decode(errorReply(-22, request, Netlink.NLM_F_ACK_TLVS, tlvs));

    assertThat(e.errno()).isEqualTo(22);
    assertThat(e.kernelMessage()).isEqualTo("Attribute failed policy validation");
  }

  @Test
  void refusesAMessageWhoseLengthRunsPastTheDatagram() {
    ByteBuffer bad = Hex.direct(Hex.bytes("ff 00 00 00 02 00 00 00 01 00 00 00 00 00 00 00"));
    assertThatThrownBy(() -> NetlinkMessage.split(bad))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining("does not fit");
  }

  @Test
  void refusesAnAttributeWhoseLengthRunsPastItsMessage() {
    ByteBuffer bad = Hex.direct(Hex.bytes(
        "1c 00 00 00 07 06 02 00 01 00 00 00 00 00 00 00 02 00 00 00 40 00 02 00 61 00 00 00"));
    NetlinkMessage m = NetlinkMessage.split(bad).get(0);
    assertThatThrownBy(() -> new ListReply().accept(m))
        .isInstanceOf(MalformedMessageException.class);
  }

  @Test
  void splitsSeveralMessagesOfOneDatagram() {
    MessageWriter out = MessageWriter.allocateDirect(4096);
    IpsetRequests r = new IpsetRequests(out);
    r.flush(1, "a");
    r.swap(2, "a", "b");
    r.destroy(3, "b");
    List<NetlinkMessage> messages = NetlinkMessage.split(out.written());
    assertThat(messages).extracting(NetlinkMessage::seq).containsExactly(1, 2, 3);
    assertThat(messages).extracting(NetlinkMessage::type).containsExactly(0x0604, 0x0606, 0x0603);
    assertThat(messages.get(1).attributes().string(Ipset.ATTR_SETNAME2)).isEqualTo("b");
  }

  static NetlinkMessage errorReply(int error, ByteBuffer request, int flags) {
    return errorReply(error, request, flags, ByteBuffer.allocate(0));
  }

  static NetlinkMessage errorReply(int error, ByteBuffer request, int flags, ByteBuffer tlvs) {
    int length = 16 + 4 + Netlink.align(request.remaining()) + tlvs.remaining();
    ByteBuffer b = ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder());
    b.putInt(length).putShort((short) Netlink.NLMSG_ERROR).putShort((short) flags)
        .putInt(request.getInt(request.position() + 8)).putInt(99);
    b.putInt(error).put(request.duplicate());
    b.position(16 + 4 + Netlink.align(request.remaining()));
    b.put(tlvs.duplicate());
    b.flip();
    return NetlinkMessage.split(b).get(0);
  }
}
