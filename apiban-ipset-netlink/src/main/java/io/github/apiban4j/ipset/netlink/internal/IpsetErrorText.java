package io.github.apiban4j.ipset.netlink.internal;

import io.github.apiban4j.ipset.netlink.internal.codec.Ipset;
import io.github.apiban4j.ipset.netlink.internal.jnr.Errno;

/** What the kernel's ipset error codes mean, for hash sets, in words a user can act on. */
final class IpsetErrorText {
  private IpsetErrorText() {}

  static String describe(int code) {
    return switch (code) {
      case 1 -> "operation not permitted: needs CAP_NET_ADMIN in the set's network namespace";
      case 2 -> "the set does not exist";
      case 17 -> "a set of that name exists with a different type or parameters";
      case 22 -> "invalid argument (the kernel's policy refused the request)";
      case Ipset.ERR_PROTOCOL -> "protocol error: the kernel refused the request's layout, or its"
          + " address family does not match the set's";
      case Ipset.ERR_FIND_TYPE -> "the kernel lacks this set type or revision:"
          + " modprobe ip_set_hash_net";
      case Ipset.ERR_MAX_SETS -> "the kernel's limit on the number of sets is reached";
      case Ipset.ERR_BUSY -> "the set is in use by a firewall rule, so it cannot be destroyed;"
          + " remove the rule that references it first";
      case Ipset.ERR_EXIST_SETNAME2 -> "the second set does not exist";
      case Ipset.ERR_TYPE_MISMATCH -> "the two sets differ in type or family";
      case Ipset.ERR_EXIST -> "element already present, or not a member";
      case Ipset.ERR_INVALID_CIDR -> "invalid prefix length for this set";
      case Ipset.ERR_INVALID_FAMILY -> "the set type does not support this address family";
      case Ipset.ERR_REFERENCED -> "the set is referenced by a firewall rule";
      case Ipset.ERR_HASH_FULL -> "the set is full (maxelem reached)";
      case Ipset.ERR_HASH_ELEM -> "the kernel refused this element";
      default -> {
        Errno e = Errno.of(code);
        yield e == Errno.UNKNOWN ? "error " + code : e.name() + " (" + e.description() + ")";
      }
    };
  }
}
