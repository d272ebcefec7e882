package io.github.apiban4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.memory.InMemoryBackend;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wrapper catches a backend that disagrees with the tools, and lets an agreeing one pass. */
class ToolViewCheckingBackendTest {
  private static final AddressSet TWO = AddressSet.of(IpPrefix.parse("192.0.2.1"),
      IpPrefix.parse("2001:db8::1"));

  private final InMemoryBackend kernel = new InMemoryBackend();

  @Test
  void aBackendThatAgreesPassesEveryCheckAndItsStatusShows() throws Exception {
    List<String> extra = new ArrayList<>();
    ToolViewCheckingBackend checked = new ToolViewCheckingBackend(kernel, kernel::snapshot) {
      @Override
      protected void afterPrepare() {
        extra.add("prepare");
      }

      @Override
      protected void afterChange() {
        extra.add("change");
      }

      @Override
      protected void afterUninstall() {
        extra.add("uninstall");
      }
    };
    checked.prepare();
    checked.apply(new Diff(TWO, AddressSet.empty()));
    checked.replace(TWO.ipv6());
    assertThat(checked.current()).isEqualTo(TWO.ipv6());
    assertThat(checked.status().hook()).isEqualTo(BackendStatus.Hook.NONE);
    checked.uninstall();
    assertThat(extra).containsExactly("prepare", "change", "change", "uninstall");
    assertThat(checked.backend()).isSameAs(kernel);
  }

  @Test
  void toolsThatShowSomethingElseFailTheCall() throws Exception {
    ToolViewCheckingBackend checked = new ToolViewCheckingBackend(kernel,
        () -> kernel.snapshot().ipv4());
    checked.prepare();
    assertThatThrownBy(() -> checked.apply(new Diff(TWO, AddressSet.empty())))
        .isInstanceOf(AssertionError.class).hasMessageContaining("after apply()");
  }

  @Test
  void aBackendThatDoesNotApplyTheDiffFailsEvenIfTheToolsAgreeWithIt() throws Exception {
    FirewallBackend ignoringApply = new FirewallBackend() {
      @Override
      public String name() {
        return "ignoring";
      }

      @Override
      public boolean prepare() {
        return false;
      }

      @Override
      public AddressSet current() {
        return kernel.snapshot();
      }

      @Override
      public void apply(Diff diff) {}

      @Override
      public void replace(AddressSet entries) {}

      @Override
      public void uninstall() {}

      @Override
      public void close() {}
    };
    ToolViewCheckingBackend checked = new ToolViewCheckingBackend(ignoringApply,
        kernel::snapshot);
    checked.prepare();
    assertThatThrownBy(() -> checked.apply(new Diff(TWO, AddressSet.empty())))
        .isInstanceOf(AssertionError.class).hasMessageContaining("against the diff");
  }
}
