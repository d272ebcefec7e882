package io.github.apiban4j.internal.xtables;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandNotFoundException;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * iptables-legacy against iptables-nft. Both variants may be installed and used at once; each keeps
 * a ruleset of its own that the kernel runs, and each tool shows only its own. Rules in the variant
 * an administrator does not look at are a classic silent failure: bans that seem missing, or a rule
 * there that nobody sees. {@link #otherVariantWarning} finds them.
 */
public final class XtablesVariants {
  private XtablesVariants() {}

  /**
   * The variant of the system's {@code iptables-save} (and so of {@code iptables-restore}), from
   * its {@code --version}.
   *
   * @throws IOException if the tool fails or prints no version
   */
  public static IptablesVersion systemVariant(CommandRunner runner, Duration timeout)
      throws IOException {
    CommandResult r = runner.run(Command.of("iptables-save", "--version").withTimeout(timeout))
        .requireSuccess("asking iptables-save for its version");
    return IptablesVersion.parse(r.stdout()).orElseThrow(() -> new IOException(
        "iptables-save --version printed no version: '"
            + io.github.apiban4j.internal.SafeText.escape(r.stdout().strip(), 200, "'") + "'"));
  }

  /**
   * A warning if the variant other than the system's holds rules, in either family; empty if it
   * holds none or is not installed. Lists the other variant's tables without naming one, since
   * naming a table makes iptables-legacy create it.
   *
   * @param namespace the network namespace to look in, if not the caller's own
   * @throws IOException if a tool fails
   */
  public static Optional<String> otherVariantWarning(CommandRunner runner,
      Optional<String> namespace, Duration timeout) throws IOException {
    IptablesVersion system = systemVariant(runner, timeout);
    boolean other = !system.nfTables();
    List<String> found = new ArrayList<>();
    for (XtablesFamily family : XtablesFamily.values()) {
      Command save = Command.of(family.saveProgram(other)).withTimeout(timeout);
      CommandResult r;
      try {
        r = runner.run(namespace.map(save::inNamespace).orElse(save));
      } catch (CommandNotFoundException e) {
        continue; // not installed, so it holds nothing
      }
      r.requireSuccess("listing the " + variantName(other) + " ruleset");
      for (Map.Entry<String, SavedTable> t : SavedTable.parseAll(family, r.stdout()).entrySet()) {
        int rules = t.getValue().rules().size();
        if (rules > 0) {
          found.add(family.tool() + " table " + t.getKey() + ": " + rules
              + (rules == 1 ? " rule" : " rules"));
        }
      }
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(variantName(other) + " also holds rules (" + String.join(", ", found)
        + "), besides the " + variantName(system.nfTables()) + " ruleset that iptables here"
        + " uses; the kernel runs both and each tool shows only its own, so check them with "
        + XtablesFamily.IPV4.saveProgram(other) + " and " + XtablesFamily.IPV6.saveProgram(other)
        + " and keep the firewall in one variant");
  }

  private static String variantName(boolean nfTables) {
    return nfTables ? "iptables-nft" : "iptables-legacy";
  }
}
