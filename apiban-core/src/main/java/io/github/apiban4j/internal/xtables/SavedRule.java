package io.github.apiban4j.internal.xtables;

/**
 * One rule as {@code iptables-save} prints it: {@code -A CHAIN SPEC}, with its counters when saved
 * with {@code -c} (zero otherwise).
 *
 * @param family the tool that printed it
 * @param chain the chain that holds it
 * @param spec the rule after {@code -A CHAIN }, e.g. {@code -m set --match-set apiban4 src -j DROP}
 * @param packets packets that matched it
 * @param bytes bytes that matched it
 */
public record SavedRule(XtablesFamily family, String chain, String spec, long packets,
    long bytes) {

  /** The rule as an {@code iptables-restore} line that appends it: {@code -A CHAIN SPEC}. */
  public String appendLine() {
    return "-A " + chain + " " + spec;
  }
}
