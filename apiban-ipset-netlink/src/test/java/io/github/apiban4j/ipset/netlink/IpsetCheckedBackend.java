package io.github.apiban4j.ipset.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.ToolViewCheckingBackend;
import java.io.IOException;

/**
 * The testkit's check of a backend working in {@code ns} against the members {@code ipset save}
 * shows, and what only the tools show: after every change, the hook's jump and drop rules in the
 * raw table and no set but the backend's two; after {@code uninstall()}, neither sets nor rules.
 */
final class IpsetCheckedBackend extends ToolViewCheckingBackend {
  private final NetworkNamespace ns;

  IpsetCheckedBackend(FirewallBackend backend, NetworkNamespace ns) {
    super(backend, () -> IpsetTool.members(ns, "apiban4").union(IpsetTool.members(ns, "apiban6")));
    this.ns = ns;
  }

  @Override
  protected void afterPrepare() throws IOException {
    hookInPlace();
  }

  @Override
  protected void afterChange() throws IOException {
    hookInPlace();
    assertThat(IpsetTool.setNames(ns)).containsExactlyInAnyOrder("apiban4", "apiban6");
  }

  @Override
  protected void afterUninstall() throws IOException {
    assertThat(IpsetTool.setNames(ns)).isEmpty();
    assertThat(IpsetTool.rawRules(ns, "iptables-save")).doesNotContain("APIBAN");
    assertThat(IpsetTool.rawRules(ns, "ip6tables-save")).doesNotContain("APIBAN");
  }

  private void hookInPlace() throws IOException {
    assertThat(IpsetTool.rawRules(ns, "iptables-save"))
        .contains("-A PREROUTING -j APIBAN", "-A APIBAN -m set --match-set apiban4 src -j DROP");
    assertThat(IpsetTool.rawRules(ns, "ip6tables-save"))
        .contains("-A PREROUTING -j APIBAN", "-A APIBAN -m set --match-set apiban6 src -j DROP");
  }
}
