package io.github.apiban4j.address;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network prefix: an address and a prefix length. A single address is the prefix of
 * full length ({@code /32} or {@code /128}), and prints without the length.
 *
 * <p>Values are immutable and compare by family (IPv4 first), then address, then length.
 *
 * <h2>Strict parsing</h2>
 * {@link #parse} accepts only numeric literals in their plain form: dotted-quad IPv4 without
 * leading zeros, RFC 4291 IPv6 text (with an optional embedded IPv4 tail), and an optional decimal
 * {@code /length}. It never resolves names, and it rejects whitespace, zone ids, trailing text and
 * prefixes with host bits set. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is returned
 * as the IPv4 value it stands for. Text of untrusted origin can therefore be parsed safely; nothing
 * of the input survives except the numbers.
 */
public final class IpPrefix implements Comparable<IpPrefix> {

  private final boolean ipv6;
  // IPv4: hi is 0 and lo holds the address in its low 32 bits.
  private final long hi;
  private final long lo;
  private final int length;

  IpPrefix(boolean ipv6, long hi, long lo, int length) {
    this.ipv6 = ipv6;
    this.hi = hi;
    this.lo = lo;
    this.length = length;
  }

  /**
   * Parses an address ({@code 192.0.2.1}, {@code 2001:db8::1}) or a prefix
   * ({@code 198.51.100.0/24}).
   *
   * @throws AddressFormatException if the text is not exactly one such literal
   */
  public static IpPrefix parse(CharSequence text) {
    Objects.requireNonNull(text, "text");
    IpPrefix result = IpTextParser.parse(text, true);
    if (result == null) {
      throw new AddressFormatException(text, IpTextDiagnosis.explain(text, true));
    }
    return result;
  }

  /**
   * Parses a single address literal; a {@code /length} suffix is rejected.
   *
   * @throws AddressFormatException if the text is not exactly one address literal
   */
  public static IpPrefix parseAddress(CharSequence text) {
    Objects.requireNonNull(text, "text");
    IpPrefix result = IpTextParser.parse(text, false);
    if (result == null) {
      throw new AddressFormatException(text, IpTextDiagnosis.explain(text, false));
    }
    return result;
  }

  /** Like {@link #parse} but returns {@code null} instead of throwing: for bulk input. */
  public static IpPrefix tryParse(CharSequence text) {
    return text == null ? null : IpTextParser.parse(text, true);
  }

  /**
   * The single address {@code address}, which is never looked up. An IPv4-mapped
   * {@code Inet6Address} yields the IPv4 value, as {@link #parse} does for its text.
   */
  public static IpPrefix of(InetAddress address) {
    Objects.requireNonNull(address, "address");
    return fromBytes(address.getAddress(), address instanceof Inet4Address ? 32 : 128);
  }

  /**
   * The prefix {@code address/length}.
   *
   * @throws IllegalArgumentException if the length is out of range or host bits are set
   */
  public static IpPrefix of(InetAddress address, int length) {
    Objects.requireNonNull(address, "address");
    return fromBytes(address.getAddress(), length);
  }

  /** The IPv4 prefix with the given address bits (network byte order, as an int) and length. */
  public static IpPrefix ipv4(int bits, int length) {
    checkLength(length, 32);
    if (length < 32 && (bits & ~mask32(length)) != 0) {
      throw new IllegalArgumentException("host bits set in IPv4 prefix of length " + length);
    }
    return new IpPrefix(false, 0, bits & 0xFFFF_FFFFL, length);
  }

  /**
   * The IPv6 prefix with the given high and low 64 bits and length. A value inside the
   * IPv4-mapped range {@code ::ffff:0:0/96} is returned as the IPv4 value it stands for, as
   * {@link #parse} does, so that every value has one representation and its text parses back to it.
   */
  public static IpPrefix ipv6(long high, long low, int length) {
    checkLength(length, 128);
    if ((high & ~mask64Hi(length)) != 0 || (low & ~mask64Lo(length)) != 0) {
      throw new IllegalArgumentException("host bits set in IPv6 prefix of length " + length);
    }
    return ipv6OrMapped(high, low, length);
  }

  /** IPv6 bits, or the IPv4 value when they lie in ::ffff:0:0/96; host bits must be clear. */
  static IpPrefix ipv6OrMapped(long high, long low, int length) {
    if (high == 0 && (low >>> 32) == 0xFFFF && length >= 96) {
      return new IpPrefix(false, 0, low & 0xFFFF_FFFFL, length - 96);
    }
    return new IpPrefix(true, high, low, length);
  }

  private static IpPrefix fromBytes(byte[] bytes, int length) {
    if (bytes.length == 4) {
      int bits = ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8)
          | (bytes[3] & 0xFF);
      return ipv4(bits, length);
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (bytes[i] & 0xFF);
      low = (low << 8) | (bytes[i + 8] & 0xFF);
    }
    return ipv6(high, low, length);
  }

  public boolean isIpv4() {
    return !ipv6;
  }

  public boolean isIpv6() {
    return ipv6;
  }

  /** The prefix length: 0 to 32 for IPv4, 0 to 128 for IPv6. */
  public int length() {
    return length;
  }

  /** 32 or 128. */
  public int maxLength() {
    return ipv6 ? 128 : 32;
  }

  /** Whether this is a single address (a prefix of full length). */
  public boolean isSingleAddress() {
    return length == maxLength();
  }

  /**
   * The IPv4 address bits in network order.
   *
   * @throws IllegalStateException for an IPv6 value
   */
  public int ipv4Bits() {
    if (ipv6) {
      throw new IllegalStateException("not an IPv4 value: " + this);
    }
    return (int) lo;
  }

  /** The high 64 bits of an IPv6 address. @throws IllegalStateException for IPv4 */
  public long ipv6High() {
    if (!ipv6) {
      throw new IllegalStateException("not an IPv6 value: " + this);
    }
    return hi;
  }

  /** The low 64 bits of an IPv6 address. @throws IllegalStateException for IPv4 */
  public long ipv6Low() {
    if (!ipv6) {
      throw new IllegalStateException("not an IPv6 value: " + this);
    }
    return lo;
  }

  /** The network address in network byte order: 4 or 16 bytes. */
  public byte[] addressBytes() {
    byte[] out = new byte[ipv6 ? 16 : 4];
    if (ipv6) {
      for (int i = 0; i < 8; i++) {
        out[i] = (byte) (hi >>> (56 - 8 * i));
        out[i + 8] = (byte) (lo >>> (56 - 8 * i));
      }
    } else {
      for (int i = 0; i < 4; i++) {
        out[i] = (byte) (lo >>> (24 - 8 * i));
      }
    }
    return out;
  }

  /** The network address as an {@link InetAddress}, built from its bytes (no lookup). */
  public InetAddress address() {
    try {
      return InetAddress.getByAddress(addressBytes());
    } catch (UnknownHostException e) {
      throw new AssertionError(e); // only thrown for a byte array of the wrong length
    }
  }

  /** Whether {@code other} lies entirely inside this prefix (same family, at least as long). */
  public boolean contains(IpPrefix other) {
    if (other.ipv6 != ipv6 || other.length < length) {
      return false;
    }
    return ipv6
        ? (other.hi & mask64Hi(length)) == hi && (other.lo & mask64Lo(length)) == lo
        : (other.lo & (mask32(length) & 0xFFFF_FFFFL)) == lo;
  }

  /** Whether the address {@code address} lies inside this prefix. */
  public boolean contains(InetAddress address) {
    return contains(of(address));
  }

  /** Whether this prefix and {@code other} share at least one address. */
  public boolean overlaps(IpPrefix other) {
    return contains(other) || other.contains(this);
  }

  long hi() {
    return hi;
  }

  long lo() {
    return lo;
  }

  static int mask32(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  static long mask64Hi(int length) {
    return length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
  }

  static long mask64Lo(int length) {
    return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
  }

  private static void checkLength(int length, int max) {
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("prefix length " + length + " is outside 0.." + max);
    }
  }

  @Override
  public int compareTo(IpPrefix o) {
    if (ipv6 != o.ipv6) {
      return ipv6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(hi, o.hi);
    if (c == 0) {
      c = Long.compareUnsigned(lo, o.lo);
    }
    return c != 0 ? c : Integer.compare(length, o.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpPrefix p
        && p.ipv6 == ipv6 && p.hi == hi && p.lo == lo && p.length == length;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hi * 31 + lo) * 31 + length + (ipv6 ? 1 << 8 : 0);
  }

  /** The canonical text: dotted quad, or RFC 5952 IPv6; {@code /length} unless a single address. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(ipv6 ? 44 : 18);
    if (ipv6) {
      IpTextFormat.appendIpv6(sb, hi, lo);
    } else {
      IpTextFormat.appendIpv4(sb, (int) lo);
    }
    if (!isSingleAddress()) {
      sb.append('/').append(length);
    }
    return sb.toString();
  }
}
