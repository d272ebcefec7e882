package io.github.apiban4j.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.testkit.NetworkNamespace;
import java.io.IOException;

/**
 * Wraps the backend under test and, after every operation, checks that nft's own listing of the
 * table agrees with what the backend reports: the same elements, and the chain and rules in place.
 */
final class AgreeingBackend implements FirewallBackend {
  private final NftablesBackend backend;
  private final NetworkNamespace ns;
  private int checks;

  AgreeingBackend(NftablesBackend backend, NetworkNamespace ns) {
    this.backend = backend;
    this.ns = ns;
  }

  /** How many times the listing was compared. */
  int checks() {
    return checks;
  }

  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public boolean prepare() throws IOException {
    boolean changed = backend.prepare();
    NftTableView view = check();
    assertThat(view).as("table after prepare()").isNotNull();
    NftSettings s = backend.settings();
    assertThat(view.chains()).containsEntry(NftSettings.CHAIN,
        s.hook() + " " + s.priority() + " accept");
    assertThat(view.ruleSets()).contains("ip @" + s.set4() + " counter drop",
        "ip @" + s.set4() + "net counter drop", "ip6 @" + s.set6() + " counter drop",
        "ip6 @" + s.set6() + "net counter drop");
    for (String set : view.sets().keySet()) {
      assertThat(view.ruleSets()).as("a drop rule for set " + set)
          .anyMatch(r -> r.endsWith("@" + set + " counter drop"));
    }
    return changed;
  }

  @Override
  public AddressSet current() throws IOException {
    AddressSet current = backend.current();
    NftTableView view = NftTableView.read(ns, backend.settings().table());
    checks++;
    assertThat(current).isEqualTo(view == null ? AddressSet.empty() : view.allElements());
    return current;
  }

  @Override
  public void apply(Diff diff) throws IOException {
    AddressSet before = backend.current();
    backend.apply(diff);
    NftTableView view = check();
    assertThat(view.allElements()).isEqualTo(diff.applyTo(before));
  }

  @Override
  public void replace(AddressSet entries) throws IOException {
    backend.replace(entries);
    assertThat(check().allElements()).isEqualTo(entries);
  }

  @Override
  public void uninstall() throws IOException {
    backend.uninstall();
    assertThat(NftTableView.read(ns, backend.settings().table())).as("table after uninstall()")
        .isNull();
    checks++;
  }

  @Override
  public void close() throws IOException {
    backend.close();
  }

  /** Reads the listing and compares its elements with {@link NftablesBackend#current()}. */
  private NftTableView check() throws IOException {
    NftTableView view = NftTableView.read(ns, backend.settings().table());
    assertThat(view).isNotNull();
    assertThat(backend.current()).isEqualTo(view.allElements());
    checks++;
    return view;
  }
}
