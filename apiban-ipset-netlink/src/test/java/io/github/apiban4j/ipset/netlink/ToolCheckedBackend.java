package io.github.apiban4j.ipset.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.testkit.NetworkNamespace;
import java.io.IOException;

/**
 * Wraps a backend working in {@code ns} and, after every operation, checks that the ipset and
 * iptables tools see what the backend says it holds: the members of both sets, and the hook's drop
 * and jump rules in the raw table.
 */
final class ToolCheckedBackend implements FirewallBackend {
  private final FirewallBackend backend;
  private final NetworkNamespace ns;
  private boolean installed;

  ToolCheckedBackend(FirewallBackend backend, NetworkNamespace ns) {
    this.backend = backend;
    this.ns = ns;
  }

  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public boolean prepare() throws IOException {
    boolean changed = backend.prepare();
    installed = true;
    check();
    return changed;
  }

  @Override
  public AddressSet current() throws IOException {
    AddressSet current = backend.current();
    assertThat(current).isEqualTo(IpsetTool.members(ns, "apiban4").union(
        IpsetTool.members(ns, "apiban6")));
    return current;
  }

  @Override
  public void apply(Diff diff) throws IOException {
    backend.apply(diff);
    check();
  }

  @Override
  public void replace(AddressSet entries) throws IOException {
    backend.replace(entries);
    check();
    assertThat(IpsetTool.setNames(ns)).containsExactlyInAnyOrder("apiban4", "apiban6");
  }

  @Override
  public void uninstall() throws IOException {
    backend.uninstall();
    installed = false;
    assertThat(IpsetTool.setNames(ns)).isEmpty();
    assertThat(IpsetTool.rawRules(ns, "iptables-save")).doesNotContain("APIBAN");
    assertThat(IpsetTool.rawRules(ns, "ip6tables-save")).doesNotContain("APIBAN");
  }

  @Override
  public BackendStatus status() throws IOException {
    return backend.status();
  }

  @Override
  public void close() throws IOException {
    backend.close();
  }

  private void check() throws IOException {
    current();
    if (installed) {
      assertThat(IpsetTool.rawRules(ns, "iptables-save"))
          .contains("-A PREROUTING -j APIBAN", "-A APIBAN -m set --match-set apiban4 src -j DROP");
      assertThat(IpsetTool.rawRules(ns, "ip6tables-save"))
          .contains("-A PREROUTING -j APIBAN", "-A APIBAN -m set --match-set apiban6 src -j DROP");
    }
  }
}
