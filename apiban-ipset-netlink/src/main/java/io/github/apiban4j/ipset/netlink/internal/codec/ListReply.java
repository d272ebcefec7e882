package io.github.apiban4j.ipset.netlink.internal.codec;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;

/**
 * Accumulates the messages of one set's {@code LIST} dump: the header from the first, the members
 * from all. Members come back as {@link AddressSet} entries; an element whose address does not match
 * its length (the kernel never sends one) is a malformed reply, not an entry.
 */
public final class ListReply {
  private final AddressSet.Builder members = AddressSet.builder();
  private SetHeader header;

  /**
   * Adds one data message of the dump.
   *
   * @throws MalformedMessageException if an element does not decode
   */
  public void accept(NetlinkMessage message) {
    Attributes top = message.attributes();
    Attributes data = top.find(Ipset.ATTR_DATA);
    if (header == null && data != null) {
      Attributes h = data.nested();
      header = new SetHeader(top.string(Ipset.ATTR_SETNAME), top.string(Ipset.ATTR_TYPENAME),
          top.u8(Ipset.ATTR_FAMILY).orElse(0), top.u8(Ipset.ATTR_REVISION).orElse(0),
          h.u32Be(Ipset.ATTR_HASHSIZE).orElse(0), h.u32Be(Ipset.ATTR_MAXELEM).orElse(0),
          h.u32Be(Ipset.ATTR_ELEMENTS).orElse(0), h.u32Be(Ipset.ATTR_REFERENCES).orElse(0));
    }
    Attributes adt = top.find(Ipset.ATTR_ADT);
    if (adt == null) {
      return;
    }
    Attributes elements = adt.nested();
    while (elements.next()) {
      if (elements.type() == Ipset.ATTR_DATA) {
        addElement(elements.nested());
      }
    }
  }

  /** The set's header, or null if no message carried one. */
  public SetHeader header() {
    return header;
  }

  /** The members received so far. Call once. */
  public AddressSet members() {
    return members.build();
  }

  private void addElement(Attributes data) {
    Attributes ip = data.find(Ipset.ATTR_IP);
    if (ip == null) {
      throw new MalformedMessageException("set element without an address");
    }
    Attributes address = ip.nested();
    if (!address.next()) {
      throw new MalformedMessageException("set element with an empty address");
    }
    int cidr = data.u8(Ipset.ATTR_CIDR).orElse(-1);
    try {
      if (address.type() == Ipset.ATTR_IPADDR_IPV4) {
        int bits = address.intBe(0, 4);
        if (cidr < 0 || cidr == 32) {
          members.addIpv4(bits);
        } else {
          members.add(IpPrefix.ipv4(bits, cidr));
        }
        return;
      }
      if (address.type() == Ipset.ATTR_IPADDR_IPV6) {
        members.add(IpPrefix.ipv6(address.longBe(0, 16), address.longBe(8, 16),
            cidr < 0 ? 128 : cidr));
        return;
      }
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("set element does not decode: " + e.getMessage());
    }
    throw new MalformedMessageException("set element with address attribute type "
        + address.type());
  }
}
