package io.github.apiban4j.ipset.netlink.internal;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.internal.xtables.XtablesNames;
import io.github.apiban4j.ipset.netlink.internal.codec.Netlink;

/**
 * One of the backend's two sets: its name, the name of the set a replacement is built in, and its
 * address family.
 */
record SetFamily(String name, String buildName, int nfproto) {
  static final String TYPE = "hash:net";

  static SetFamily ipv4(String name) {
    return new SetFamily(name, XtablesNames.stagingSet(name), Netlink.NFPROTO_IPV4);
  }

  static SetFamily ipv6(String name) {
    return new SetFamily(name, XtablesNames.stagingSet(name), Netlink.NFPROTO_IPV6);
  }

  /** The entries of {@code set} that belong in this family's set. */
  AddressSet select(AddressSet set) {
    return nfproto == Netlink.NFPROTO_IPV4 ? set.ipv4() : set.ipv6();
  }

  /** {@code inet} or {@code inet6}, as ipset says. */
  String familyName() {
    return nfproto == Netlink.NFPROTO_IPV4 ? "inet" : "inet6";
  }
}
