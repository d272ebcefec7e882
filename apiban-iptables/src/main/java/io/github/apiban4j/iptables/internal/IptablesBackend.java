package io.github.apiban4j.iptables.internal;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.internal.exec.FirewallErrors;
import io.github.apiban4j.internal.xtables.SavedRule;
import io.github.apiban4j.internal.xtables.XtablesHook;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What both modes share: the SPI's error types, the checks before a batch, and the warning about
 * the other iptables variant. Subclasses do the work in the {@code do…} methods and may throw any
 * {@link IOException}; it reaches the caller as a {@link FirewallException}.
 *
 * <h2>Thread-safety</h2>
 * Calls must come from one thread at a time, as the SPI says.
 */
public abstract class IptablesBackend implements FirewallBackend {
  /** The backend's name. */
  public static final String NAME = "iptables";

  private static final System.Logger LOG = System.getLogger("io.github.apiban4j");

  final CommandRunner runner;
  final IptablesSettings settings;
  private boolean variantChecked;
  private boolean closed;

  IptablesBackend(CommandRunner runner, IptablesSettings settings) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The backend for {@code settings.mode()}. */
  public static IptablesBackend create(CommandRunner runner, IptablesSettings settings) {
    return settings.mode() == IptablesSettings.Mode.RULES
        ? new RulesModeBackend(runner, settings)
        : new SetModeBackend(runner, settings);
  }

  abstract XtablesHook hook();

  abstract boolean doPrepare() throws IOException;

  abstract AddressSet doCurrent() throws IOException;

  abstract void doApply(Diff diff) throws IOException;

  abstract void doReplace(AddressSet entries) throws IOException;

  abstract void doUninstall() throws IOException;

  @Override
  public String name() {
    return NAME;
  }

  /** The settings in force. */
  public IptablesSettings settings() {
    return settings;
  }

  @Override
  public boolean prepare() throws IOException {
    requireOpen();
    boolean changed;
    try {
      changed = doPrepare();
    } catch (IOException e) {
      throw FirewallErrors.translate(NAME, "prepare", e);
    }
    if (!variantChecked) {
      variantChecked = true;
      otherVariantWarning().ifPresent(w -> LOG.log(System.Logger.Level.WARNING, w));
    }
    return changed;
  }

  @Override
  public AddressSet current() throws IOException {
    requireOpen();
    try {
      return doCurrent();
    } catch (IOException e) {
      throw FirewallErrors.translate(NAME, "current", e);
    }
  }

  @Override
  public void apply(Diff diff) throws IOException {
    requireOpen();
    if (diff.isEmpty()) {
      return;
    }
    refuseWholeFamily(diff.toAdd(), "apply");
    try {
      doApply(diff);
    } catch (IOException e) {
      throw FirewallErrors.translate(NAME, "apply", e);
    }
  }

  @Override
  public void replace(AddressSet entries) throws IOException {
    requireOpen();
    refuseWholeFamily(entries, "replace");
    try {
      doReplace(entries);
    } catch (IOException e) {
      throw FirewallErrors.translate(NAME, "replace", e);
    }
  }

  @Override
  public void uninstall() throws IOException {
    requireOpen();
    try {
      doUninstall();
    } catch (IOException e) {
      throw FirewallErrors.translate(NAME, "uninstall", e);
    }
  }

  /** The hook's state, its drop counters and warnings, read with iptables-save; changes nothing. */
  @Override
  public BackendStatus status() throws IOException {
    requireOpen();
    try {
      return hook().status();
    } catch (IOException e) {
      throw FirewallErrors.translate(NAME, "status", e);
    }
  }

  /**
   * The chain's rules with their packet and byte counters, IPv4 first; for a status report.
   *
   * @throws FirewallException if iptables-save fails
   */
  public List<SavedRule> counters() throws IOException {
    requireOpen();
    try {
      return hook().counters();
    } catch (IOException e) {
      throw FirewallErrors.translate(NAME, "counters", e);
    }
  }

  /**
   * A warning if the iptables variant the system does not use (legacy or nft) holds rules; empty
   * if it holds none, or if that cannot be found out (logged).
   */
  public Optional<String> otherVariantWarning() {
    try {
      return hook().otherVariantWarning();
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot tell whether the other iptables variant holds"
          + " rules: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * A {@code /0} would ban a whole family: ipset's hash:net cannot hold it, and as a rule
   * iptables-save prints it without {@code -s}, so it could never be read back.
   */
  private static void refuseWholeFamily(AddressSet entries, String operation)
      throws FirewallException {
    for (IpPrefix p : entries.prefixes()) {
      if (p.length() == 0) {
        throw new FirewallException(NAME, operation, "refusing " + p + ", which would ban every"
            + " address of its family; nothing was changed");
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the iptables backend has been closed");
    }
  }

  /** Marks the backend closed; it holds no process or socket between calls. Idempotent. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "IptablesBackend[" + settings + "]";
  }
}
