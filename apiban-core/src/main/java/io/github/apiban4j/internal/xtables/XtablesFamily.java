package io.github.apiban4j.internal.xtables;

/** IPv4 or IPv6, and the iptables tools that handle each. */
public enum XtablesFamily {
  /** IPv4: {@code iptables}, {@code iptables-save}, {@code iptables-restore}. */
  IPV4("iptables"),
  /** IPv6: {@code ip6tables}, {@code ip6tables-save}, {@code ip6tables-restore}. */
  IPV6("ip6tables");

  private final String tool;

  XtablesFamily(String tool) {
    this.tool = tool;
  }

  /** {@code iptables} or {@code ip6tables}. */
  public String tool() {
    return tool;
  }

  /** The system's save tool: {@code iptables-save} or {@code ip6tables-save}. */
  public String saveProgram() {
    return tool + "-save";
  }

  /** The system's restore tool: {@code iptables-restore} or {@code ip6tables-restore}. */
  public String restoreProgram() {
    return tool + "-restore";
  }

  /** The save tool of one variant: {@code iptables-legacy-save}, {@code ip6tables-nft-save}, … */
  public String saveProgram(boolean nfTables) {
    return tool + (nfTables ? "-nft" : "-legacy") + "-save";
  }
}
