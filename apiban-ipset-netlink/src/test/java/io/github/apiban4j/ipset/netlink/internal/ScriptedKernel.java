package io.github.apiban4j.ipset.netlink.internal;

import io.github.apiban4j.ipset.netlink.internal.codec.Netlink;
import io.github.apiban4j.ipset.netlink.internal.codec.NetlinkMessage;
import io.github.apiban4j.ipset.netlink.internal.jnr.Errno;
import io.github.apiban4j.ipset.netlink.internal.jnr.ErrnoException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A stand-in for the kernel's end of a netlink socket: it splits every datagram sent into its
 * messages, records them, and queues one reply per message as {@link #answer} decides (by default
 * an ACK echoing the header, as the kernel does with NLM_F_CAPPED).
 */
final class ScriptedKernel implements NetlinkChannel {
  final List<List<NetlinkMessage>> sends = new ArrayList<>();
  final Deque<ByteBuffer> replies = new ArrayDeque<>();
  Function<NetlinkMessage, ByteBuffer> answer = m -> ack(m, 0);
  /** Fail the next receive with this errno, once. */
  Errno failNextReceive;
  boolean closed;

  @Override
  public void send(ByteBuffer datagram) {
    List<NetlinkMessage> messages = new ArrayList<>();
    for (NetlinkMessage m : NetlinkMessage.split(datagram)) {
      ByteBuffer copy = ByteBuffer.allocate(m.payload().remaining()).order(ByteOrder.nativeOrder());
      copy.put(m.payload().duplicate()).flip();
      NetlinkMessage kept = new NetlinkMessage(m.type(), m.flags(), m.seq(), copy);
      messages.add(kept);
      ByteBuffer reply = answer.apply(kept);
      if (reply != null) {
        replies.add(reply);
      }
    }
    sends.add(messages);
    datagram.position(datagram.limit());
  }

  @Override
  public int receive(ByteBuffer into) throws ErrnoException {
    if (failNextReceive != null) {
      Errno e = failNextReceive;
      failNextReceive = null;
      throw new ErrnoException("recv", e.code());
    }
    ByteBuffer next = replies.poll();
    if (next == null) {
      throw new ErrnoException("recv", Errno.EAGAIN.code());
    }
    into.clear();
    into.put(next.duplicate()).flip();
    return next.remaining();
  }

  @Override
  public void close() {
    closed = true;
  }

  /** An NLMSG_ERROR answering {@code m} with {@code error} (negative, or 0 for an ACK). */
  static ByteBuffer ack(NetlinkMessage m, int error) {
    return ack(m.seq(), m.type(), error, -1);
  }

  /** An error reply for {@code seq} carrying the failing element's line number in its echo. */
  static ByteBuffer ack(int seq, int type, int error, int lineno) {
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
    int echoLength = lineno < 0 ? 16 : 16 + 4 + 8;
    int length = 16 + 4 + echoLength;
    b.putInt(length).putShort((short) Netlink.NLMSG_ERROR)
        .putShort((short) (lineno < 0 ? 0x100 : 0)).putInt(seq).putInt(1);
    b.putInt(error);
    b.putInt(echoLength).putShort((short) type).putShort((short) 5).putInt(seq).putInt(0);
    if (lineno >= 0) {
      b.putInt(0x02); // nfgenmsg
      b.putShort((short) 8).putShort((short) (9 | Netlink.NLA_F_NET_BYTEORDER));
      b.order(ByteOrder.BIG_ENDIAN).putInt(lineno).order(ByteOrder.nativeOrder());
    }
    b.flip();
    return b;
  }
}
