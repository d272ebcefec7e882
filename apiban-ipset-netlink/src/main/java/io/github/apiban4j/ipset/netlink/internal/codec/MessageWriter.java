package io.github.apiban4j.ipset.netlink.internal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes nfnetlink messages into one reusable buffer, many messages back to back, ready for a single
 * {@code send()}. Headers are in host byte order as netlink wants them; payloads flagged
 * {@link Netlink#NLA_F_NET_BYTEORDER} are big-endian, as ipset requires for every integer and
 * address it receives.
 *
 * <p>Not thread-safe. Writing past the buffer's capacity throws {@link
 * java.nio.BufferOverflowException}; callers size their batches with {@link #remaining()}.
 */
public final class MessageWriter {
  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
  private static final boolean LITTLE = NATIVE == ByteOrder.LITTLE_ENDIAN;

  private final ByteBuffer buf;

  /** A writer over {@code buffer}, from position 0; the buffer's byte order is set to native. */
  public MessageWriter(ByteBuffer buffer) {
    this.buf = buffer.order(NATIVE);
    buf.clear();
  }

  /** A writer over a new direct buffer of {@code capacity} bytes. */
  public static MessageWriter allocateDirect(int capacity) {
    return new MessageWriter(ByteBuffer.allocateDirect(capacity));
  }

  /** Discards everything written. */
  public void clear() {
    buf.clear();
  }

  /** Bytes written so far. */
  public int position() {
    return buf.position();
  }

  /** Bytes still free. */
  public int remaining() {
    return buf.remaining();
  }

  /** The bytes written so far, as a view from 0 to the current position. */
  public ByteBuffer written() {
    ByteBuffer view = buf.duplicate().order(NATIVE);
    view.flip();
    return view;
  }

  /**
   * Starts a message: {@code nlmsghdr} with a length to be patched by {@link #endMessage}, then an
   * {@code nfgenmsg} for family AF_INET, version 0, resource id 0.
   *
   * @return the message's start, for {@link #endMessage}
   */
  public int beginMessage(int type, int flags, int seq) {
    int start = buf.position();
    buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
    buf.put((byte) Netlink.AF_INET).put((byte) 0).putShort((short) 0);
    return start;
  }

  /** Patches the length of the message begun at {@code start}; the next one starts aligned. */
  public void endMessage(int start) {
    buf.putInt(start, buf.position() - start);
    pad();
  }

  /** A u8 attribute. */
  public void putU8(int type, int value) {
    header(Netlink.NLA_HDRLEN + 1, type);
    buf.put((byte) value);
    pad();
  }

  /** A u32 attribute, big-endian and flagged so. */
  public void putU32Be(int type, int value) {
    header(Netlink.NLA_HDRLEN + 4, type | Netlink.NLA_F_NET_BYTEORDER);
    buf.putInt(bigEndian(value));
  }

  /** A NUL-terminated string attribute of ASCII text. */
  public void putString(int type, String ascii) {
    byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
    header(Netlink.NLA_HDRLEN + bytes.length + 1, type);
    buf.put(bytes).put((byte) 0);
    pad();
  }

  /** An IPv4 address attribute: four bytes in network order, flagged big-endian. */
  public void putIpv4(int type, int bits) {
    header(Netlink.NLA_HDRLEN + 4, type | Netlink.NLA_F_NET_BYTEORDER);
    buf.putInt(bigEndian(bits));
  }

  /** An IPv6 address attribute: sixteen bytes in network order, flagged big-endian. */
  public void putIpv6(int type, long high, long low) {
    header(Netlink.NLA_HDRLEN + 16, type | Netlink.NLA_F_NET_BYTEORDER);
    buf.putLong(LITTLE ? Long.reverseBytes(high) : high)
        .putLong(LITTLE ? Long.reverseBytes(low) : low);
  }

  /**
   * Starts a nested attribute, flagged {@link Netlink#NLA_F_NESTED}.
   *
   * @return its start, for {@link #endNest}
   */
  public int beginNest(int type) {
    int start = buf.position();
    header(Netlink.NLA_HDRLEN, type | Netlink.NLA_F_NESTED);
    return start;
  }

  /**
   * A nested attribute whose payload of {@code payloadLength} bytes the caller writes next: no
   * {@link #endNest} patch, for nests whose size is known before they are written.
   */
  public void putNestHeader(int type, int payloadLength) {
    header(Netlink.NLA_HDRLEN + payloadLength, type | Netlink.NLA_F_NESTED);
  }

  /**
   * Patches the length of the nest begun at {@code start}.
   *
   * @throws IllegalStateException if the nest outgrew the u16 length field: sending it would make
   *     the kernel read a wrapped length and reject the message, or worse, misread it
   */
  public void endNest(int start) {
    int length = buf.position() - start;
    if (length > Netlink.NLA_MAX_LEN) {
      throw new IllegalStateException("nested attribute of " + length + " bytes exceeds the "
          + Netlink.NLA_MAX_LEN + " a netlink attribute can hold");
    }
    buf.putShort(start, (short) length);
  }

  private void header(int length, int type) {
    // struct nlattr {u16 nla_len; u16 nla_type;} as one native int
    buf.putInt(LITTLE ? type << 16 | (length & 0xFFFF) : length << 16 | (type & 0xFFFF));
  }

  private void pad() {
    int aligned = Netlink.align(buf.position());
    while (buf.position() < aligned) {
      buf.put((byte) 0);
    }
  }

  private static int bigEndian(int value) {
    return LITTLE ? Integer.reverseBytes(value) : value;
  }
}
