package io.github.apiban4j.ipset.netlink.internal.codec;

/** Constants of the netlink and nfnetlink headers (linux/netlink.h, linux/netfilter/nfnetlink.h). */
public final class Netlink {
  private Netlink() {}

  /** {@code sizeof(struct nlmsghdr)}. */
  public static final int NLMSG_HDRLEN = 16;
  /** {@code sizeof(struct nfgenmsg)}. */
  public static final int NFGENMSG_LEN = 4;
  /** {@code sizeof(struct nlattr)}. */
  public static final int NLA_HDRLEN = 4;
  /** The largest attribute, nested ones included: {@code nla_len} is a u16. */
  public static final int NLA_MAX_LEN = 0xFFFF;

  public static final int NLMSG_ERROR = 2;
  public static final int NLMSG_DONE = 3;

  public static final int NLM_F_REQUEST = 0x001;
  public static final int NLM_F_ACK = 0x004;
  public static final int NLM_F_DUMP_INTR = 0x010;
  public static final int NLM_F_EXCL = 0x200;
  public static final int NLM_F_CREATE = 0x400;
  public static final int NLM_F_DUMP = 0x300;
  /** On an error reply: extended-ack TLVs follow the echoed request. */
  public static final int NLM_F_ACK_TLVS = 0x200;

  public static final int NLA_F_NESTED = 0x8000;
  public static final int NLA_F_NET_BYTEORDER = 0x4000;
  public static final int NLA_TYPE_MASK = 0x3FFF;

  /** {@code NLMSGERR_ATTR_MSG}: the kernel's text in an extended ACK. */
  public static final int NLMSGERR_ATTR_MSG = 1;

  public static final int AF_INET = 2;
  public static final int NFPROTO_IPV4 = 2;
  public static final int NFPROTO_IPV6 = 10;

  /** Rounds {@code length} up to netlink's 4-byte alignment. */
  public static int align(int length) {
    return (length + 3) & ~3;
  }
}
