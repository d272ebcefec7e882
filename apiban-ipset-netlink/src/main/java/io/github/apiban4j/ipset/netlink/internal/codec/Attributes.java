package io.github.apiban4j.ipset.netlink.internal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * A run of netlink attributes inside a buffer, read in place. {@link #find} looks one up by type
 * (the last one wins, as in the kernel's own parser); {@link #next} walks them in order. Types are
 * compared without their flag bits, since the kernel sets {@link Netlink#NLA_F_NET_BYTEORDER}
 * inconsistently on output.
 */
public final class Attributes {
  private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  private ByteBuffer buf;
  private int start;
  private int end;
  private int cursor;
  private int currentType = -1;
  private int currentOffset;
  private int currentLength;

  /** A cursor over nothing, to be moved with {@link #enter}. */
  static Attributes detached() {
    return new Attributes(ByteBuffer.allocate(0), 0, 0);
  }

  Attributes(ByteBuffer buf, int start, int end) {
    this.buf = buf.order(ByteOrder.nativeOrder());
    this.start = start;
    this.end = end;
    this.cursor = start;
  }

  /**
   * Moves to the next attribute.
   *
   * @return whether there was one
   * @throws MalformedMessageException if its length runs past the end
   */
  public boolean next() {
    if (end - cursor < Netlink.NLA_HDRLEN) {
      return false;
    }
    int length = Short.toUnsignedInt(buf.getShort(cursor));
    if (length < Netlink.NLA_HDRLEN || length > end - cursor) {
      throw new MalformedMessageException("attribute length " + length + " at offset " + cursor
          + " does not fit the " + (end - cursor) + " bytes left");
    }
    currentType = Short.toUnsignedInt(buf.getShort(cursor + 2)) & Netlink.NLA_TYPE_MASK;
    currentOffset = cursor + Netlink.NLA_HDRLEN;
    currentLength = length - Netlink.NLA_HDRLEN;
    cursor += Netlink.align(length);
    return true;
  }

  /** The current attribute's type, flags masked off. */
  public int type() {
    return currentType;
  }

  /** A fresh cursor positioned on the last attribute of {@code type}, if there is one. */
  public Attributes find(int type) {
    Attributes scan = new Attributes(buf, start, end);
    Attributes found = null;
    while (scan.next()) {
      if (scan.currentType == type) {
        found = new Attributes(buf, start, end);
        found.currentType = type;
        found.currentOffset = scan.currentOffset;
        found.currentLength = scan.currentLength;
      }
    }
    return found;
  }

  /** The value of the u8 attribute of {@code type}, if present. */
  public OptionalInt u8(int type) {
    Attributes a = find(type);
    return a == null ? OptionalInt.empty() : OptionalInt.of(a.u8());
  }

  /** The value of the big-endian u32 attribute of {@code type}, if present. */
  public OptionalInt u32Be(int type) {
    Attributes a = find(type);
    return a == null ? OptionalInt.empty() : OptionalInt.of(a.u32Be());
  }

  /** The string attribute of {@code type} without its NUL, or {@code null}. */
  public String string(int type) {
    Attributes a = find(type);
    return a == null ? null : a.string();
  }

  /** The current attribute as a u8. */
  public int u8() {
    requireLength(1);
    return Byte.toUnsignedInt(buf.get(currentOffset));
  }

  /** The current attribute as a big-endian u32. */
  public int u32Be() {
    requireLength(4);
    return intBe(currentOffset);
  }

  /** The big-endian u32 at {@code at} bytes into the current attribute's payload. */
  public int intBe(int at, int minLength) {
    requireLength(minLength);
    return intBe(currentOffset + at);
  }

  /** The big-endian u64 at {@code at} bytes into the current attribute's payload. */
  public long longBe(int at, int minLength) {
    requireLength(minLength);
    long v = buf.getLong(currentOffset + at);
    return LITTLE ? Long.reverseBytes(v) : v;
  }

  private int intBe(int offset) {
    int v = buf.getInt(offset);
    return LITTLE ? Integer.reverseBytes(v) : v;
  }

  /** The current attribute's payload length. */
  public int length() {
    return currentLength;
  }

  /** The current attribute as text: ASCII up to the first NUL. */
  public String string() {
    byte[] bytes = new byte[currentLength];
    buf.get(currentOffset, bytes);
    int n = 0;
    while (n < bytes.length && bytes[n] != 0) {
      n++;
    }
    return new String(bytes, 0, n, StandardCharsets.US_ASCII);
  }

  /** The current attribute's payload, as attributes: for nested ones. */
  public Attributes nested() {
    return new Attributes(buf, currentOffset, currentOffset + currentLength);
  }

  /**
   * Moves this cursor onto the payload of {@code parent}'s current attribute, as {@link #nested()}
   * would make a new one: so that a dump's many elements are read with a few cursors, not a few
   * new ones each.
   *
   * @return this cursor, before its first attribute
   */
  public Attributes enter(Attributes parent) {
    buf = parent.buf;
    start = parent.currentOffset;
    end = parent.currentOffset + parent.currentLength;
    cursor = start;
    currentType = -1;
    currentLength = 0;
    return this;
  }

  private void requireLength(int needed) {
    if (currentLength < needed) {
      throw new MalformedMessageException("attribute type " + currentType + " has "
          + currentLength + " bytes, " + needed + " expected");
    }
  }
}
