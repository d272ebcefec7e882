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
  private final Attributes element = Attributes.detached();
  private final Attributes address = Attributes.detached();
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
        addElement(element.enter(elements));
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

  /**
   * DATA{IP{IPADDR} [CIDR] ...}, read with the two reusable cursors: an element's attributes may
   * come in any order, and the last of a type wins, as {@link Attributes#find} has it.
   */
  private void addElement(Attributes data) {
    int family = 0;
    int bits = 0;
    long high = 0;
    long low = 0;
    int cidr = -1;
    while (data.next()) {
      if (data.type() == Ipset.ATTR_CIDR) {
        cidr = data.u8();
      } else if (data.type() == Ipset.ATTR_IP) {
        Attributes address = this.address.enter(data);
        if (!address.next()) {
          throw new MalformedMessageException("set element with an empty address");
        }
        family = address.type();
        if (family == Ipset.ATTR_IPADDR_IPV4) {
          bits = address.intBe(0, 4);
        } else if (family == Ipset.ATTR_IPADDR_IPV6) {
          high = address.longBe(0, 16);
          low = address.longBe(8, 16);
        } else {
          throw new MalformedMessageException("set element with address attribute type "
              + family);
        }
      }
    }
    if (family == 0) {
      throw new MalformedMessageException("set element without an address");
    }
    try {
      if (family == Ipset.ATTR_IPADDR_IPV4) {
        if (cidr < 0 || cidr == 32) {
          members.addIpv4(bits);
        } else {
          members.add(IpPrefix.ipv4(bits, cidr));
        }
      } else {
        members.add(IpPrefix.ipv6(high, low, cidr < 0 ? 128 : cidr));
      }
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("set element does not decode: " + e.getMessage());
    }
  }
}
