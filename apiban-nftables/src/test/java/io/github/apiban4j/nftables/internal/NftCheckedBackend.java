package io.github.apiban4j.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.testkit.NetworkNamespace;
import io.github.apiban4j.testkit.ToolViewCheckingBackend;
import java.io.IOException;

/**
 * The testkit's check of the backend against nft's own listing of the table ({@link NftTableView},
 * read apart from the backend's parser), and what only that listing shows: after
 * {@code prepare()}, the chain on its hook with policy accept and a drop rule for every set; after
 * {@code uninstall()}, no table at all.
 */
final class NftCheckedBackend extends ToolViewCheckingBackend {
  private final NetworkNamespace ns;
  private final NftSettings settings;

  NftCheckedBackend(NftablesBackend backend, NetworkNamespace ns) {
    super(backend, () -> elements(ns, backend.settings().table()));
    this.ns = ns;
    this.settings = backend.settings();
  }

  private static AddressSet elements(NetworkNamespace ns, String table) throws IOException {
    NftTableView view = NftTableView.read(ns, table);
    return view == null ? AddressSet.empty() : view.allElements();
  }

  @Override
  protected void afterPrepare() throws IOException {
    NftTableView view = NftTableView.read(ns, settings.table());
    assertThat(view).as("table after prepare()").isNotNull();
    assertThat(view.chains()).containsEntry(NftSettings.CHAIN,
        settings.hook() + " " + settings.priority() + " accept");
    assertThat(view.ruleSets()).contains("ip @" + settings.set4() + " counter drop",
        "ip @" + settings.set4() + "net counter drop", "ip6 @" + settings.set6() + " counter drop",
        "ip6 @" + settings.set6() + "net counter drop");
    for (String set : view.sets().keySet()) {
      assertThat(view.ruleSets()).as("a drop rule for set " + set)
          .anyMatch(r -> r.endsWith("@" + set + " counter drop"));
    }
  }

  @Override
  protected void afterUninstall() throws IOException {
    assertThat(NftTableView.read(ns, settings.table())).as("table after uninstall()").isNull();
  }
}
