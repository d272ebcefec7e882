package io.github.apiban4j.ipset.netlink.internal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of a received datagram: its header fields and its payload (after {@code nlmsghdr}).
 *
 * @param type {@code nlmsg_type}
 * @param flags {@code nlmsg_flags}
 * @param seq {@code nlmsg_seq}, the request's sequence number echoed by the kernel
 * @param payload a native-order view of the payload, positioned at 0
 */
public record NetlinkMessage(int type, int flags, int seq, ByteBuffer payload) {

  /**
   * Splits a datagram into its messages.
   *
   * @throws MalformedMessageException if a length field points outside the datagram
   */
  public static List<NetlinkMessage> split(ByteBuffer datagram) {
    ByteBuffer in = datagram.duplicate().order(ByteOrder.nativeOrder());
    List<NetlinkMessage> messages = new ArrayList<>(2);
    int offset = in.position();
    int end = in.limit();
    while (end - offset >= Netlink.NLMSG_HDRLEN) {
      int length = in.getInt(offset);
      if (length < Netlink.NLMSG_HDRLEN || length > end - offset) {
        throw new MalformedMessageException("message length " + Integer.toUnsignedString(length)
            + " at offset " + offset + " does not fit the " + (end - offset) + " bytes left");
      }
      int type = Short.toUnsignedInt(in.getShort(offset + 4));
      int flags = Short.toUnsignedInt(in.getShort(offset + 6));
      int seq = in.getInt(offset + 8);
      ByteBuffer payload = in.duplicate().position(offset + Netlink.NLMSG_HDRLEN)
          .limit(offset + length).slice().order(ByteOrder.nativeOrder());
      messages.add(new NetlinkMessage(type, flags, seq, payload));
      offset += Netlink.align(length);
    }
    return messages;
  }

  /** Whether this is an {@code NLMSG_ERROR}: an ACK (error 0) or a failure. */
  public boolean isError() {
    return type == Netlink.NLMSG_ERROR;
  }

  /** Whether this is the {@code NLMSG_DONE} that ends a dump. */
  public boolean isDone() {
    return type == Netlink.NLMSG_DONE;
  }

  /**
   * The attributes after the {@code nfgenmsg} of an nfnetlink data message.
   *
   * @throws MalformedMessageException if the payload is too short for an {@code nfgenmsg}
   */
  public Attributes attributes() {
    if (payload.limit() < Netlink.NFGENMSG_LEN) {
      throw new MalformedMessageException("nfnetlink message of " + payload.limit()
          + " bytes has no room for its nfgenmsg header");
    }
    return new Attributes(payload, Netlink.NFGENMSG_LEN, payload.limit());
  }
}
