package io.github.apiban4j.internal.xtables;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code iptables --version} reports: {@code iptables v1.8.9 (nf_tables)} or
 * {@code iptables v1.8.9 (legacy)}. The two variants keep separate rulesets that are both
 * evaluated, so a backend must know which one the system's {@code iptables} is.
 *
 * @param version the version number, e.g. {@code 1.8.9}
 * @param nfTables whether this is iptables-nft; otherwise iptables-legacy
 */
public record IptablesVersion(String version, boolean nfTables) {
  // Releases before 1.8 had no nf_tables variant and print no parenthesis.
  private static final Pattern LINE = Pattern.compile("ip6?tables(?:-restore|-save)?"
      + " v(\\d{1,4}(?:\\.\\d{1,4}){1,3})(?: \\((nf_tables|legacy)\\))?");

  /** The version on the first line of {@code iptables --version} output, if it is one. */
  public static Optional<IptablesVersion> parse(String versionOutput) {
    String first = versionOutput.strip().lines().findFirst().orElse("").strip();
    Matcher m = LINE.matcher(first);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new IptablesVersion(m.group(1), "nf_tables".equals(m.group(2))));
  }

  /** {@code nf_tables} or {@code legacy}, as iptables itself says. */
  public String variant() {
    return nfTables ? "nf_tables" : "legacy";
  }

  @Override
  public String toString() {
    return version + " (" + variant() + ")";
  }
}
