package io.github.apiban4j.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.IOException;

/**
 * A backend that, after every call, asks the tools themselves what the kernel holds (in another
 * format than the one the backend reads) and checks that the backend says the same.
 */
final class ToolCheckedBackend implements FirewallBackend {
  /** What the tools show, read independently of the backend. */
  @FunctionalInterface
  interface ToolView {
    AddressSet read() throws IOException;
  }

  private final FirewallBackend backend;
  private final ToolView tools;

  ToolCheckedBackend(FirewallBackend backend, ToolView tools) {
    this.backend = backend;
    this.tools = tools;
  }

  private void agree(String after) throws IOException {
    assertThat(tools.read()).as("the tools' view after " + after).isEqualTo(backend.current());
  }

  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public boolean prepare() throws IOException {
    boolean changed = backend.prepare();
    agree("prepare");
    return changed;
  }

  @Override
  public AddressSet current() throws IOException {
    AddressSet current = backend.current();
    assertThat(tools.read()).as("the tools' view").isEqualTo(current);
    return current;
  }

  @Override
  public void apply(Diff diff) throws IOException {
    backend.apply(diff);
    agree("apply");
  }

  @Override
  public void replace(AddressSet entries) throws IOException {
    backend.replace(entries);
    agree("replace");
  }

  @Override
  public void uninstall() throws IOException {
    backend.uninstall();
    assertThat(tools.read()).as("the tools' view after uninstall").isEmpty();
    assertThat(backend.current()).isEmpty();
  }

  @Override
  public void close() throws IOException {
    backend.close();
  }
}
