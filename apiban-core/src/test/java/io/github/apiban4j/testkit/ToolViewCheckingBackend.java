package io.github.apiban4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.IOException;
import java.util.Objects;

/**
 * Wraps a kernel backend under test and, after every call, checks it against the firewall tools'
 * own view of what the kernel holds ({@code nft list}, {@code ipset save}, {@code iptables -S}: read
 * in another way than the backend reads it): the tools show what {@link #current()} reports; after
 * {@link #apply}, what the diff makes of what they showed before; after {@link #replace}, exactly
 * the entries; after {@link #uninstall()}, nothing.
 *
 * <pre>{@code
 * class NftablesBackendIT extends FirewallBackendCompatibilityKit {
 *   protected FirewallBackend newBackend() throws Exception {
 *     ns = NetworkNamespace.create();
 *     return new ToolViewCheckingBackend(backendIn(ns), () -> nftListing(ns));
 *   }
 * }
 * }</pre>
 *
 * A module adds the checks only its tools can make (its hook and rules in place, no leftover sets)
 * by overriding {@link #afterPrepare()}, {@link #afterChange()} and {@link #afterUninstall()}.
 */
public class ToolViewCheckingBackend implements FirewallBackend {
  /** What the tools show the backend's entries to be, read independently of the backend. */
  @FunctionalInterface
  public interface ToolView {
    /** The entries; empty if the backend's sets or rules do not exist. */
    AddressSet read() throws IOException;
  }

  private final FirewallBackend backend;
  private final ToolView toolView;

  /** Checks {@code backend} against {@code toolView} after every call. */
  public ToolViewCheckingBackend(FirewallBackend backend, ToolView toolView) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.toolView = Objects.requireNonNull(toolView, "toolView");
  }

  /** The backend under test, without the checks. */
  public final FirewallBackend backend() {
    return backend;
  }

  /** A module's own checks after {@link #prepare()}; nothing by default. */
  protected void afterPrepare() throws IOException {}

  /** A module's own checks after {@link #apply} and {@link #replace}; nothing by default. */
  protected void afterChange() throws IOException {}

  /** A module's own checks after {@link #uninstall()}; nothing by default. */
  protected void afterUninstall() throws IOException {}

  @Override
  public final String name() {
    return backend.name();
  }

  @Override
  public final boolean prepare() throws IOException {
    boolean changed = backend.prepare();
    agree("prepare()");
    afterPrepare();
    return changed;
  }

  @Override
  public final AddressSet current() throws IOException {
    AddressSet current = backend.current();
    assertThat(toolView.read()).as("the tools' view").isEqualTo(current);
    return current;
  }

  @Override
  public final void apply(Diff diff) throws IOException {
    AddressSet before = toolView.read();
    backend.apply(diff);
    assertThat(agree("apply()")).as("the tools' view after apply(), against the diff")
        .isEqualTo(diff.applyTo(before));
    afterChange();
  }

  @Override
  public final void replace(AddressSet entries) throws IOException {
    backend.replace(entries);
    assertThat(agree("replace()")).as("the tools' view after replace()").isEqualTo(entries);
    afterChange();
  }

  @Override
  public final BackendStatus status() throws IOException {
    return backend.status();
  }

  @Override
  public final void uninstall() throws IOException {
    backend.uninstall();
    assertThat(toolView.read()).as("the tools' view after uninstall()").isEmpty();
    assertThat(backend.current()).as("current() after uninstall()").isEmpty();
    afterUninstall();
  }

  @Override
  public final void close() throws IOException {
    backend.close();
  }

  /** Checks that the tools show what the backend reports, and returns what they show. */
  private AddressSet agree(String after) throws IOException {
    AddressSet tools = toolView.read();
    assertThat(backend.current()).as("current() against the tools' view after " + after)
        .isEqualTo(tools);
    return tools;
  }
}
