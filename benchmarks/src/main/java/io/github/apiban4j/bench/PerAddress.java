package io.github.apiban4j.bench;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.io.IOException;
import java.util.List;

/**
 * The seed's way: one {@code iptables -A CHAIN -s ADDRESS -j DROP} process per address, and one
 * {@code iptables -D} per address to remove it, timed over {@code processes} addresses (in the
 * current network namespace, with nothing between the harness and the process).
 *
 * @param family {@code ipv4} ({@code iptables}) or {@code ipv6} ({@code ip6tables})
 * @param processes how many processes were timed for each operation
 * @param addMs the time of all the {@code -A} processes together
 * @param deleteMs the time of all the {@code -D} processes together, from a chain holding the
 *     {@code processes} rules, which makes it a lower bound for larger chains: each {@code -D}
 *     of iptables-nft reads the chain first
 */
record PerAddress(String family, int processes, double addMs, double deleteMs) {
  private static final String CHAIN = "SEED";

  /** Times {@code processes} additions, then as many removals, of {@code family} addresses. */
  static PerAddress measure(String family, int processes, Progress progress) throws IOException {
    String tool = family.equals("ipv6") ? "ip6tables" : "iptables";
    progress.say(processes + " " + tool + " -A processes, then as many -D, one per address");
    AddressSet data = new Plan.Dataset(family, processes).addresses();
    List<String> addresses = data.stream().map(IpPrefix::toString).toList();
    Tools.run(tool, "-N", CHAIN);
    Samples add = new Samples();
    Samples delete = new Samples();
    add.time(() -> each(tool, "-A", addresses));
    delete.time(() -> each(tool, "-D", addresses));
    Tools.run(tool, "-X", CHAIN);
    return new PerAddress(family, processes, add.millis()[0], delete.millis()[0]);
  }

  private static void each(String tool, String verb, List<String> addresses) throws IOException {
    for (String a : addresses) {
      Tools.run(tool, verb, CHAIN, "-s", a, "-j", "DROP");
    }
  }

  /** The seed's time for {@code size} addresses: measured, or scaled from the processes timed. */
  double millisFor(String op, int size) {
    return (op.equals("delete") ? deleteMs : addMs) * size / processes;
  }
}
