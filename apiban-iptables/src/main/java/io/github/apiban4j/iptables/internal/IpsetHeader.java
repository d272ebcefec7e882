package io.github.apiban4j.iptables.internal;

import java.util.List;

/**
 * One set as {@code ipset list -t} describes it.
 *
 * @param name the set's name
 * @param type {@code hash:net}, {@code hash:ip}, …
 * @param family {@code inet} or {@code inet6}; empty for types without one
 * @param maxelem the most entries it holds; 0 for types without the limit
 * @param references how many rules and sets refer to it
 * @param entries how many entries it holds now
 * @param options what the header says besides family, hashsize, maxelem, bucketsize and initval,
 *     such as {@code timeout 300} or {@code counters}
 */
record IpsetHeader(String name, String type, String family, long maxelem, long references,
    long entries, List<String> options) {

  /** Whether this is a set the backend can use for {@code family}: plain hash:net of it. */
  boolean fits(String wantedFamily) {
    return type.equals("hash:net") && family.equals(wantedFamily) && options.isEmpty();
  }

  /** What the set is, as ipset would create it, for messages. */
  String describe() {
    return type + (family.isEmpty() ? "" : " family " + family)
        + (options.isEmpty() ? "" : " " + String.join(" ", options));
  }
}
