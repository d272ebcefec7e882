package io.github.apiban4j.ipset.netlink.internal.codec;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex dumps as they appear in strace captures, whitespace and separators ignored. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String dump) {
    return HexFormat.of().parseHex(dump.replaceAll("[^0-9a-fA-F]", ""));
  }

  static String of(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return HexFormat.ofDelimiter(" ").formatHex(out);
  }

  static String of(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }

  static ByteBuffer direct(byte[] bytes) {
    ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
    b.put(bytes).flip();
    return b;
  }
}
