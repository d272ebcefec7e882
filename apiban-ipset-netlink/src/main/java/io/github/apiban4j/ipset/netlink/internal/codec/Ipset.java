package io.github.apiban4j.ipset.netlink.internal.codec;

/** Constants of the ipset netlink protocol (linux/netfilter/ipset/ip_set.h). */
public final class Ipset {
  private Ipset() {}

  /** The nfnetlink subsystem: message type is {@code SUBSYS << 8 | command}. */
  public static final int NFNL_SUBSYS_IPSET = 6;
  /** The protocol version this codec speaks. */
  public static final int PROTOCOL = 7;
  /** The oldest protocol the kernel may report as its minimum and still accept ours. */
  public static final int PROTOCOL_MIN = 6;

  // enum ipset_cmd
  public static final int CMD_PROTOCOL = 1;
  public static final int CMD_CREATE = 2;
  public static final int CMD_DESTROY = 3;
  public static final int CMD_FLUSH = 4;
  public static final int CMD_SWAP = 6;
  public static final int CMD_LIST = 7;
  public static final int CMD_ADD = 9;
  public static final int CMD_DEL = 10;
  public static final int CMD_TEST = 11;
  public static final int CMD_TYPE = 13;

  // Command-level attributes
  public static final int ATTR_PROTOCOL = 1;
  public static final int ATTR_SETNAME = 2;
  public static final int ATTR_TYPENAME = 3;
  public static final int ATTR_SETNAME2 = 3;
  public static final int ATTR_REVISION = 4;
  public static final int ATTR_FAMILY = 5;
  public static final int ATTR_FLAGS = 6;
  public static final int ATTR_DATA = 7;
  public static final int ATTR_ADT = 8;
  public static final int ATTR_LINENO = 9;
  public static final int ATTR_PROTOCOL_MIN = 10;

  // Attributes inside DATA (create options and elements share the numbering)
  public static final int ATTR_IP = 1;
  public static final int ATTR_CIDR = 3;
  public static final int ATTR_CADT_LINENO = 9;
  public static final int ATTR_HASHSIZE = 18;
  public static final int ATTR_MAXELEM = 19;
  public static final int ATTR_ELEMENTS = 24;
  public static final int ATTR_REFERENCES = 25;

  // Inside IP
  public static final int ATTR_IPADDR_IPV4 = 1;
  public static final int ATTR_IPADDR_IPV6 = 2;

  // LIST flags (enum ipset_cmd_flags)
  public static final int FLAG_LIST_HEADER = 1 << 2;

  // Error codes (negated in nlmsgerr.error); the 4352 range depends on the set type.
  public static final int ERR_PROTOCOL = 4097;
  public static final int ERR_FIND_TYPE = 4098;
  public static final int ERR_MAX_SETS = 4099;
  public static final int ERR_BUSY = 4100;
  public static final int ERR_EXIST_SETNAME2 = 4101;
  public static final int ERR_TYPE_MISMATCH = 4102;
  public static final int ERR_EXIST = 4103;
  public static final int ERR_INVALID_CIDR = 4104;
  public static final int ERR_INVALID_FAMILY = 4106;
  public static final int ERR_REFERENCED = 4108;
  public static final int ERR_HASH_FULL = 4352;
  public static final int ERR_HASH_ELEM = 4353;

  /** The nfnetlink message type of an ipset command. */
  public static int messageType(int command) {
    return NFNL_SUBSYS_IPSET << 8 | command;
  }
}
