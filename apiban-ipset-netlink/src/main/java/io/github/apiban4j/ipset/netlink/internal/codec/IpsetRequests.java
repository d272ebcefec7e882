package io.github.apiban4j.ipset.netlink.internal.codec;

import static io.github.apiban4j.ipset.netlink.internal.codec.Netlink.NLM_F_ACK;
import static io.github.apiban4j.ipset.netlink.internal.codec.Netlink.NLM_F_CREATE;
import static io.github.apiban4j.ipset.netlink.internal.codec.Netlink.NLM_F_DUMP;
import static io.github.apiban4j.ipset.netlink.internal.codec.Netlink.NLM_F_REQUEST;

import io.github.apiban4j.address.IpPrefix;

/**
 * Encodes the ipset commands the backend sends, appending each to a {@link MessageWriter}. Every
 * request carries {@code PROTOCOL=7} first. No request sets {@code NLM_F_EXCL}: without it, a
 * create of an identical set, an add of a member, a delete of a non-member and a destroy of a
 * missing set all succeed, which is what a sync that may be retried needs.
 */
public final class IpsetRequests {
  /** About 2,000 elements per message keeps every ADT nest well inside its 64 KiB limit. */
  public static final int MAX_ELEMENTS_PER_MESSAGE = 2_000;

  // nfgenmsg, PROTOCOL, a top-level LINENO and the ADT nest header, before the set's name.
  private static final int ADT_FIXED_OVERHEAD =
      Netlink.NLMSG_HDRLEN + Netlink.NFGENMSG_LEN + 8 + 8 + Netlink.NLA_HDRLEN;

  private final MessageWriter out;

  public IpsetRequests(MessageWriter out) {
    this.out = out;
  }

  /** {@code PROTOCOL}: asks for the kernel's protocol range; answered by a data message. */
  public void protocol(int seq) {
    end(begin(Ipset.CMD_PROTOCOL, NLM_F_REQUEST, seq));
  }

  /** {@code TYPE}: asks for the revisions the kernel supports of {@code typeName} in a family. */
  public void type(int seq, String typeName, int family) {
    int m = begin(Ipset.CMD_TYPE, NLM_F_REQUEST, seq);
    out.putString(Ipset.ATTR_TYPENAME, typeName);
    out.putU8(Ipset.ATTR_FAMILY, family);
    end(m);
  }

  /** {@code CREATE} without {@code NLM_F_EXCL}: succeeds if an identical set exists. */
  public void create(int seq, String set, String typeName, int revision, int family, int hashSize,
      int maxElem) {
    int m = begin(Ipset.CMD_CREATE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE, seq);
    out.putString(Ipset.ATTR_SETNAME, set);
    out.putString(Ipset.ATTR_TYPENAME, typeName);
    out.putU8(Ipset.ATTR_REVISION, revision);
    out.putU8(Ipset.ATTR_FAMILY, family);
    int data = out.beginNest(Ipset.ATTR_DATA);
    out.putU32Be(Ipset.ATTR_HASHSIZE, hashSize);
    out.putU32Be(Ipset.ATTR_MAXELEM, maxElem);
    out.endNest(data);
    end(m);
  }

  /** {@code DESTROY} of one set; succeeds if it does not exist. */
  public void destroy(int seq, String set) {
    named(Ipset.CMD_DESTROY, seq, set);
  }

  /** {@code FLUSH}: empties one set. */
  public void flush(int seq, String set) {
    named(Ipset.CMD_FLUSH, seq, set);
  }

  /** {@code SWAP}: exchanges the two sets' names, and with them the rules that reference them. */
  public void swap(int seq, String set, String other) {
    int m = begin(Ipset.CMD_SWAP, NLM_F_REQUEST | NLM_F_ACK, seq);
    out.putString(Ipset.ATTR_SETNAME, set);
    out.putString(Ipset.ATTR_SETNAME2, other);
    end(m);
  }

  /**
   * {@code LIST} dump of one set, without {@code NLM_F_ACK}: with it, a failing dump is answered
   * twice.
   */
  public void list(int seq, String set, boolean headerOnly) {
    int m = begin(Ipset.CMD_LIST, NLM_F_REQUEST | NLM_F_DUMP, seq);
    out.putString(Ipset.ATTR_SETNAME, set);
    if (headerOnly) {
      out.putU32Be(Ipset.ATTR_FLAGS, Ipset.FLAG_LIST_HEADER);
    }
    end(m);
  }

  /** {@code TEST}: answered by an ACK for a member and {@code -IPSET_ERR_EXIST} otherwise. */
  public void test(int seq, String set, IpPrefix entry) {
    int m = begin(Ipset.CMD_TEST, NLM_F_REQUEST | NLM_F_ACK, seq);
    out.putString(Ipset.ATTR_SETNAME, set);
    element(entry, elementSize(entry), 0);
    end(m);
  }

  /**
   * One bulk {@code ADD} or {@code DEL} of the next elements, as many as fit in one message and in
   * the writer's remaining space, at most {@value #MAX_ELEMENTS_PER_MESSAGE}; each is encoded
   * straight from {@code elements} and taken from it. Each element carries {@code LINENO} = its
   * index in {@code elements} + 1, so that an error reply names the element that failed.
   *
   * @param command {@link Ipset#CMD_ADD} or {@link Ipset#CMD_DEL}
   * @return how many elements the message holds; 0, and nothing written, if not even one fits
   */
  public int adt(int seq, int command, String set, Elements elements) {
    int overhead = ADT_FIXED_OVERHEAD + Netlink.align(Netlink.NLA_HDRLEN + set.length() + 1);
    int room = Math.min(Netlink.NLA_MAX_LEN - Netlink.NLA_HDRLEN, out.remaining() - overhead);
    if (!elements.hasNext() || elementSize(elements.peek()) > room) {
      return 0;
    }
    int m = begin(command, NLM_F_REQUEST | NLM_F_ACK, seq);
    out.putString(Ipset.ATTR_SETNAME, set);
    out.putU32Be(Ipset.ATTR_LINENO, 0);
    int adt = out.beginNest(Ipset.ATTR_ADT);
    int count = 0;
    for (IpPrefix p = elements.peek(); p != null && count < MAX_ELEMENTS_PER_MESSAGE;
        p = elements.peek()) {
      int size = elementSize(p);
      if (size > room) {
        break;
      }
      element(p, size, elements.taken() + 1);
      elements.advance();
      room -= size;
      count++;
    }
    out.endNest(adt);
    end(m);
    return count;
  }

  /** The bytes one element takes inside an ADT nest. */
  static int elementSize(IpPrefix p) {
    return Netlink.NLA_HDRLEN + ipNestSize(p) + (p.isSingleAddress() ? 0 : 8) + 8;
  }

  private static int ipNestSize(IpPrefix p) {
    return Netlink.NLA_HDRLEN + (p.isIpv4() ? 8 : 20);
  }

  /** DATA{IP{IPADDR} [CIDR] LINENO}, its nests' sizes known in advance. */
  private void element(IpPrefix p, int size, int lineno) {
    out.putNestHeader(Ipset.ATTR_DATA, size - Netlink.NLA_HDRLEN);
    out.putNestHeader(Ipset.ATTR_IP, ipNestSize(p) - Netlink.NLA_HDRLEN);
    if (p.isIpv4()) {
      out.putIpv4(Ipset.ATTR_IPADDR_IPV4, p.ipv4Bits());
    } else {
      out.putIpv6(Ipset.ATTR_IPADDR_IPV6, p.ipv6High(), p.ipv6Low());
    }
    if (!p.isSingleAddress()) {
      out.putU8(Ipset.ATTR_CIDR, p.length());
    }
    out.putU32Be(Ipset.ATTR_CADT_LINENO, lineno);
  }

  private void named(int command, int seq, String set) {
    int m = begin(command, NLM_F_REQUEST | NLM_F_ACK, seq);
    out.putString(Ipset.ATTR_SETNAME, set);
    end(m);
  }

  private int begin(int command, int flags, int seq) {
    int m = out.beginMessage(Ipset.messageType(command), flags, seq);
    out.putU8(Ipset.ATTR_PROTOCOL, Ipset.PROTOCOL);
    return m;
  }

  private void end(int m) {
    out.endMessage(m);
  }
}
