package io.github.apiban4j.ipset.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.ipset.netlink.internal.codec.Attributes;
import io.github.apiban4j.ipset.netlink.internal.codec.Ipset;
import io.github.apiban4j.ipset.netlink.internal.codec.Netlink;
import io.github.apiban4j.ipset.netlink.internal.codec.NetlinkMessage;
import io.github.apiban4j.ipset.netlink.internal.jnr.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's batching and reply handling, against a scripted kernel. */
class IpsetSessionTest {
  private final List<ScriptedKernel> opened = new ArrayList<>();
  private final IpsetSession session = new IpsetSession(() -> {
    ScriptedKernel k = new ScriptedKernel();
    opened.add(k);
    return k;
  });

  private static List<IpPrefix> addresses(int count) {
    List<IpPrefix> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(IpPrefix.ipv4(0x0A000000 | i, 32));
    }
    return out;
  }

  @Test
  void packsLargeBulkAddsIntoFewSendsOfBigMessages() throws Exception {
    session.bulk(Ipset.CMD_ADD, "apiban4", addresses(100_000));

    ScriptedKernel k = opened.get(0);
    int messages = k.sends.stream().mapToInt(List::size).sum();
    assertThat(messages).isEqualTo(50); // 2,000 a message
    assertThat(k.sends).hasSize(4) // 16, 16, 16, 2
        .allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(
            IpsetSession.MAX_MESSAGES_PER_SEND));
    // Sequence numbers are consecutive, and every element is sent once, numbered in order.
    List<NetlinkMessage> all = k.sends.stream().flatMap(List::stream).toList();
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isEqualTo(all.get(i - 1).seq() + 1);
    }
    assertThat(all).allSatisfy(m -> assertThat(m.type()).isEqualTo(0x0609));
    assertThat(lastLineno(all.get(49))).isEqualTo(100_000);
  }

  @Test
  void namesTheElementTheKernelStoppedAtAndReadsEveryReplyOfTheSend() throws Exception {
    session.bulk(Ipset.CMD_ADD, "apiban4", addresses(1)); // opens the socket
    ScriptedKernel k = opened.get(0);
    k.answer = m -> lastLineno(m) == 4000
        ? ScriptedKernel.ack(m.seq(), m.type(), -Ipset.ERR_HASH_FULL, 2345)
        : ScriptedKernel.ack(m, 0);
    List<IpPrefix> entries = addresses(6000);

    assertThatThrownBy(() -> session.bulk(Ipset.CMD_ADD, "apiban4", entries))
        .isInstanceOfSatisfying(IpsetKernelException.class, e -> {
          assertThat(e.errno()).isEqualTo(Ipset.ERR_HASH_FULL);
          assertThat(e.element()).hasValue(entries.get(2344));
          assertThat(e.getMessage()).contains("add apiban4", "set is full", "10.0.9.40");
        });
    assertThat(k.replies).isEmpty(); // the third message's ACK was read too
    assertThat(session.reopenCount()).isZero();
  }

  @Test
  void aSmallChangeOfBothKindsIsOneSendWithTheDeletionsFirst() throws Exception {
    List<IpPrefix> remove = addresses(10);
    List<IpPrefix> add = List.of(IpPrefix.parse("192.0.2.1"), IpPrefix.parse("192.0.2.3"));

    session.change("apiban4", remove, add);

    ScriptedKernel k = opened.get(0);
    assertThat(k.sends).hasSize(1);
    List<NetlinkMessage> messages = k.sends.get(0);
    assertThat(messages).extracting(NetlinkMessage::type)
        .containsExactly(Ipset.messageType(Ipset.CMD_DEL), Ipset.messageType(Ipset.CMD_ADD));
    assertThat(messages.get(1).seq()).isEqualTo(messages.get(0).seq() + 1);
    assertThat(lastLineno(messages.get(0))).isEqualTo(10);
    assertThat(lastLineno(messages.get(1))).isEqualTo(2); // each part numbers its own elements
  }

  @Test
  void aRefusalInTheAdditionsOfACombinedSendNamesTheAddedElement() throws Exception {
    session.flush("apiban4"); // opens the socket
    ScriptedKernel k = opened.get(0);
    k.answer = m -> m.type() == Ipset.messageType(Ipset.CMD_ADD)
        ? ScriptedKernel.ack(m.seq(), m.type(), -Ipset.ERR_HASH_FULL, 3)
        : ScriptedKernel.ack(m, 0);
    List<IpPrefix> remove = addresses(5);
    List<IpPrefix> add = List.of(IpPrefix.parse("192.0.2.1"), IpPrefix.parse("192.0.2.3"),
        IpPrefix.parse("192.0.2.4"), IpPrefix.parse("192.0.2.5"));

    assertThatThrownBy(() -> session.change("apiban4", remove, add))
        .isInstanceOfSatisfying(IpsetKernelException.class, e -> {
          assertThat(e.command()).isEqualTo("add");
          assertThat(e.element()).hasValue(IpPrefix.parse("192.0.2.4"));
          assertThat(e.getMessage()).contains("add apiban4", "192.0.2.4");
        });
    assertThat(k.sends).hasSize(2); // the flush, then deletions and additions together
    assertThat(k.replies).isEmpty();
  }

  @Test
  void aRefusalInTheDeletionsOfACombinedSendNamesTheDeletedElement() throws Exception {
    session.flush("apiban4");
    ScriptedKernel k = opened.get(0);
    k.answer = m -> m.type() == Ipset.messageType(Ipset.CMD_DEL)
        ? ScriptedKernel.ack(m.seq(), m.type(), -Ipset.ERR_PROTOCOL, 2)
        : ScriptedKernel.ack(m, 0);
    List<IpPrefix> remove = addresses(5);

    assertThatThrownBy(() -> session.change("apiban4", remove,
        List.of(IpPrefix.parse("192.0.2.1"))))
        .isInstanceOfSatisfying(IpsetKernelException.class, e -> {
          assertThat(e.command()).isEqualTo("del");
          assertThat(e.element()).hasValue(remove.get(1));
        });
    assertThat(k.replies).isEmpty();
  }

  @Test
  void aRefusalInALaterSendOfAdditionsNamesTheElementByItsPlaceAmongTheAdditions()
      throws Exception {
    session.flush("apiban4");
    ScriptedKernel k = opened.get(0);
    List<IpPrefix> add = addresses(40_000);
    // The first send is the deletions' message and 15 of 2,000 additions; the second send's third
    // message holds additions 34,001 to 36,000.
    k.answer = m -> m.type() == Ipset.messageType(Ipset.CMD_ADD) && lastLineno(m) == 36_000
        ? ScriptedKernel.ack(m.seq(), m.type(), -Ipset.ERR_HASH_FULL, 35_000)
        : ScriptedKernel.ack(m, 0);

    assertThatThrownBy(() -> session.change("apiban4", addresses(3), add))
        .isInstanceOfSatisfying(IpsetKernelException.class, e -> {
          assertThat(e.command()).isEqualTo("add");
          assertThat(e.element()).hasValue(add.get(34_999));
        });
    assertThat(k.sends).hasSize(3); // the flush and two sends; the third never went
  }

  @Test
  void droppedRepliesCloseTheSocketAndTheNextCallOpensANewOne() throws Exception {
    session.flush("apiban4");
    opened.get(0).failNextReceive = Errno.ENOBUFS;

    assertThatThrownBy(() -> session.bulk(Ipset.CMD_DEL, "apiban4", addresses(10)))
        .isInstanceOf(NetlinkDesyncException.class).hasMessageContaining("ENOBUFS");
    assertThat(opened.get(0).closed).isTrue();

    session.bulk(Ipset.CMD_DEL, "apiban4", addresses(10));
    assertThat(opened).hasSize(2);
    assertThat(session.reopenCount()).isEqualTo(1);
  }

  @Test
  void aReplyToARequestNeverSentIsADesync() throws Exception {
    session.flush("apiban4");
    opened.get(0).answer = m -> ScriptedKernel.ack(m.seq() + 7, m.type(), 0, -1);

    assertThatThrownBy(() -> session.destroy("apiban4"))
        .isInstanceOf(NetlinkDesyncException.class).hasMessageContaining("answers no request");
    assertThat(opened.get(0).closed).isTrue();
  }

  @Test
  void noReplyInTimeIsADesync() throws Exception {
    session.flush("apiban4");
    opened.get(0).answer = m -> null;

    assertThatThrownBy(() -> session.swap("a", "b"))
        .isInstanceOf(NetlinkDesyncException.class).hasMessageContaining("no reply");
  }

  @Test
  void aDumpThatEndsWithAnErrorInItsDoneMessageIsAFailureNotATruncatedSet() throws Exception {
    session.flush("apiban4");
    opened.get(0).answer = m -> {
      ByteBuffer done = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
      done.putInt(20).putShort((short) Netlink.NLMSG_DONE).putShort((short) 2).putInt(m.seq())
          .putInt(1).putInt(-Errno.EINTR.code()).flip();
      return done;
    };

    assertThatThrownBy(() -> session.list("apiban4", false))
        .isInstanceOfSatisfying(IpsetKernelException.class,
            e -> assertThat(e.errno()).isEqualTo(Errno.EINTR.code()));
  }

  @Test
  void testMapsAckAndNotAMember() throws Exception {
    session.flush("x");
    ScriptedKernel k = opened.get(0);
    IpPrefix p = IpPrefix.parse("192.0.2.1");
    k.answer = m -> ScriptedKernel.ack(m, 0);
    assertThat(session.test("x", p)).isTrue();
    k.answer = m -> ScriptedKernel.ack(m, -Ipset.ERR_EXIST);
    assertThat(session.test("x", p)).isFalse();
    k.answer = m -> ScriptedKernel.ack(m, -2);
    assertThatThrownBy(() -> session.test("x", p)).isInstanceOf(IpsetKernelException.class)
        .hasMessageContaining("does not exist");
  }

  private static int lastLineno(NetlinkMessage m) {
    Attributes data = m.attributes().find(Ipset.ATTR_ADT).nested();
    int last = 0;
    while (data.next()) {
      last = data.nested().u32Be(Ipset.ATTR_CADT_LINENO).orElseThrow();
    }
    return last;
  }
}
