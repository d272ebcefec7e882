package io.github.apiban4j.ipset.netlink.internal.codec;

/** Decoders of the small data replies: {@code PROTOCOL} and {@code TYPE}. */
public final class IpsetReplies {
  private IpsetReplies() {}

  /**
   * The protocol range of a {@code PROTOCOL} reply.
   *
   * @return {protocol, protocolMin}; protocolMin equals protocol when the kernel omits it
   */
  public static int[] protocol(NetlinkMessage reply) {
    Attributes a = reply.attributes();
    int protocol = a.u8(Ipset.ATTR_PROTOCOL)
        .orElseThrow(() -> new MalformedMessageException("PROTOCOL reply without a version"));
    return new int[] {protocol, a.u8(Ipset.ATTR_PROTOCOL_MIN).orElse(protocol)};
  }

  /** The highest revision of a {@code TYPE} reply. */
  public static int maxRevision(NetlinkMessage reply) {
    return reply.attributes().u8(Ipset.ATTR_REVISION)
        .orElseThrow(() -> new MalformedMessageException("TYPE reply without a revision"));
  }
}
