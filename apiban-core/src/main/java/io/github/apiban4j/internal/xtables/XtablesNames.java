package io.github.apiban4j.internal.xtables;

import io.github.apiban4j.internal.SafeText;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the names a user may give for ipset sets and iptables chains. They end up as words in the
 * tools' input, so only a narrow alphabet is let through, whatever the tools themselves would take.
 */
public final class XtablesNames {
  /** ipset keeps 31 characters of a set name (IPSET_MAXNAMELEN 32, with the NUL). */
  public static final int MAX_SET_NAME = 31;
  /** iptables keeps 28 characters of a chain name (XT_EXTENSION_MAXNAMELEN 29, with the NUL). */
  public static final int MAX_CHAIN_NAME = 28;

  private static final String STAGING_SUFFIX = "-new";
  private static final int STAGING_PREFIX = MAX_SET_NAME - STAGING_SUFFIX.length();
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Set<String> RESERVED_CHAINS = Set.of("ACCEPT", "DROP", "RETURN", "QUEUE",
      "NFQUEUE", "REJECT", "LOG", "MARK", "PREROUTING", "INPUT", "FORWARD", "OUTPUT",
      "POSTROUTING", "DOCKER", "DOCKER-USER");

  private XtablesNames() {}

  /**
   * Returns {@code value} if it can name an ipset set.
   *
   * @param option the option that gave it, for the message
   * @throws IllegalArgumentException naming the option and what a set name may be
   */
  public static String setName(String option, String value) {
    return check(option, value, MAX_SET_NAME, "an ipset set name");
  }

  /**
   * Returns {@code value} if it can name the backend's own chain: not a built-in chain, a target
   * or Docker's chains.
   *
   * @param option the option that gave it, for the message
   * @throws IllegalArgumentException naming the option and what a chain name may be
   */
  public static String chainName(String option, String value) {
    check(option, value, MAX_CHAIN_NAME, "an iptables chain name");
    if (RESERVED_CHAINS.contains(value.toUpperCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("backend option " + option + " must name a chain of the"
          + " backend's own, not '" + value + "', which iptables or Docker already use");
    }
    return value;
  }

  /**
   * The set a full replacement of {@code set} is built in before it is swapped in: the name, cut to
   * leave room, then {@code -new}. The ipset backends share it, so either cleans up the other's.
   */
  public static String stagingSet(String set) {
    return set.substring(0, Math.min(set.length(), STAGING_PREFIX)) + STAGING_SUFFIX;
  }

  /**
   * Returns the IPv4 and IPv6 set names if they can work side by side: different, and neither the
   * other's staging set (a replacement would destroy it), nor sharing one staging set.
   *
   * @throws IllegalArgumentException naming options set4 and set6
   */
  public static List<String> setPair(String set4, String set6) {
    setName("set4", set4);
    setName("set6", set6);
    if (set4.equals(set6)) {
      throw new IllegalArgumentException("backend options set4 and set6 must name different sets,"
          + " not both '" + set4 + "'");
    }
    if (stagingSet(set4).equals(stagingSet(set6)) || stagingSet(set4).equals(set6)
        || stagingSet(set6).equals(set4)) {
      throw new IllegalArgumentException("backend options set4 and set6 must differ in their first "
          + STAGING_PREFIX + " characters and neither may be the other's staging set "
          + stagingSet(set4));
    }
    return List.of(set4, set6);
  }

  private static String check(String option, String value, int max, String what) {
    if (value == null || value.isEmpty() || value.length() > max
        || !WORD.matcher(value).matches() || value.startsWith("-")) {
      throw new IllegalArgumentException("backend option " + option + " must be " + what + ": 1 to "
          + max + " characters of A-Z a-z 0-9 _ . - not starting with '-', not '"
          + SafeText.escape(String.valueOf(value), 60, "'") + "'");
    }
    return value;
  }
}
