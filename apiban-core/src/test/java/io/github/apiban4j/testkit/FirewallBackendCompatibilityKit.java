package io.github.apiban4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link FirewallBackend} must meet, as tests. A backend's test class extends this
 * and supplies a fresh, isolated backend (for a kernel backend: one working inside a network
 * namespace the test created):
 *
 * <pre>{@code
 * class NftablesBackendIT extends FirewallBackendCompatibilityKit {
 *   @Override protected FirewallBackend newBackend() throws Exception { ... }
 * }
 * }</pre>
 *
 * Published in apiban-core's test-jar, so that backends outside this project can run it too.
 */
public abstract class FirewallBackendCompatibilityKit {
  private FirewallBackend backend;

  /** A new backend, not yet prepared, isolated from every other test and from the host. */
  protected abstract FirewallBackend newBackend() throws Exception;

  /** Releases what {@link #newBackend()} set up (a namespace, say). Runs after every test. */
  protected void cleanUp() throws Exception {}

  /** How many single addresses the large-batch test applies at once. */
  protected int largeBatchSize() {
    return 100_000;
  }

  protected final FirewallBackend backend() {
    return backend;
  }

  @BeforeEach
  final void createAndPrepare() throws Exception {
    backend = newBackend();
    backend.prepare();
  }

  @AfterEach
  final void uninstallAndClose() throws Exception {
    try {
      if (backend != null) {
        backend.uninstall();
        backend.close();
      }
    } finally {
      cleanUp();
    }
  }

  @Test
  void startsEmpty() throws Exception {
    assertThat(backend.current()).isEqualTo(AddressSet.empty());
  }

  @Test
  void appliedEntriesReadBack() throws Exception {
    AddressSet entries = set("192.0.2.1", "198.51.100.7", "203.0.113.255", "2001:db8::1",
        "2001:db8:ffff::42");
    backend.apply(new Diff(entries, AddressSet.empty()));
    assertThat(backend.current()).isEqualTo(entries);

    backend.apply(new Diff(set("192.0.2.2"), set("198.51.100.7", "2001:db8::1")));
    assertThat(backend.current())
        .isEqualTo(set("192.0.2.1", "192.0.2.2", "203.0.113.255", "2001:db8:ffff::42"));
  }

  @Test
  void reapplyingTheSameDiffChangesNothing() throws Exception {
    Diff diff = new Diff(set("192.0.2.10", "2001:db8::10"), AddressSet.empty());
    backend.apply(diff);
    backend.apply(diff);
    assertThat(backend.current()).isEqualTo(diff.toAdd());
  }

  @Test
  void removingAbsentEntriesIsTolerated() throws Exception {
    backend.apply(new Diff(set("192.0.2.20"), AddressSet.empty()));
    backend.apply(new Diff(AddressSet.empty(), set("192.0.2.21", "2001:db8::21", "192.0.2.0/25")));
    assertThat(backend.current()).isEqualTo(set("192.0.2.20"));
  }

  @Test
  void addingPresentEntriesIsTolerated() throws Exception {
    backend.apply(new Diff(set("192.0.2.30", "2001:db8::30"), AddressSet.empty()));
    backend.apply(new Diff(set("192.0.2.30", "192.0.2.31"), AddressSet.empty()));
    assertThat(backend.current()).isEqualTo(set("192.0.2.30", "192.0.2.31", "2001:db8::30"));
  }

  @Test
  void keepsIpv4AndIpv6Apart() throws Exception {
    backend.apply(new Diff(set("192.0.2.40", "::ffff:192.0.2.41", "2001:db8::40"), AddressSet.empty()));
    AddressSet current = backend.current();
    assertThat(current.ipv4()).isEqualTo(set("192.0.2.40", "192.0.2.41"));
    assertThat(current.ipv6()).isEqualTo(set("2001:db8::40"));
  }

  @Test
  void holdsPrefixesAlongsideSingleAddresses() throws Exception {
    AddressSet.Builder b = AddressSet.builder();
    b.add("192.0.2.0/24").add("198.51.100.0/25").add("198.51.100.128/26").add("203.0.113.64/27");
    b.add("203.0.113.1");
    for (int i = 0; i < 300; i++) {
      b.add("2001:db8:" + Integer.toHexString(i) + "::/48");
    }
    b.add("2001:db8:ffff:1::/64").add("2001:db8:ffff:2::1");
    AddressSet entries = b.build();
    backend.apply(new Diff(entries, AddressSet.empty()));
    assertThat(backend.current()).isEqualTo(entries);

    AddressSet removed = set("198.51.100.128/26", "2001:db8:0::/48", "2001:db8:ffff:1::/64");
    backend.apply(new Diff(AddressSet.empty(), removed));
    assertThat(backend.current()).isEqualTo(entries.minus(removed));
  }

  @Test
  void appliesLargeBatches() throws Exception {
    int n = largeBatchSize();
    AddressSet.Builder b = AddressSet.builder();
    TestAddresses.manyIpv6(0, n).forEach(b::add);
    AddressSet entries = b.build();
    backend.apply(new Diff(entries, AddressSet.empty()));
    assertThat(backend.current().size()).isEqualTo(n);

    AddressSet half = entries.filter(p -> (p.ipv6Low() >>> 16) % 2 == 0);
    backend.apply(new Diff(AddressSet.empty(), half));
    assertThat(backend.current()).isEqualTo(entries.minus(half));
  }

  @Test
  void appliedDiffsConverge() throws Exception {
    SplittableRandom random = new SplittableRandom(20261124);
    List<String> pool = new ArrayList<>(TestAddresses.many(200));
    pool.addAll(List.of("192.0.2.0/26", "2001:db8:aa::/48", "2001:db8:bb::/56"));
    for (int round = 0; round < 5; round++) {
      AddressSet.Builder desired = AddressSet.builder();
      for (String p : pool) {
        if (random.nextInt(3) == 0) {
          desired.add(p);
        }
      }
      AddressSet target = desired.build();
      backend.apply(Diff.between(target, backend.current()));
      assertThat(backend.current()).isEqualTo(target);
    }
  }

  @Test
  void replaceInstallsExactlyTheNewSet() throws Exception {
    backend.apply(new Diff(set("192.0.2.50", "192.0.2.51", "2001:db8::50"), AddressSet.empty()));
    AddressSet replacement = set("192.0.2.51", "198.51.100.50", "2001:db8::51", "2001:db8:50::/48");
    backend.replace(replacement);
    assertThat(backend.current()).isEqualTo(replacement);
  }

  @Test
  void prepareAgainKeepsEntries() throws Exception {
    AddressSet entries = set("192.0.2.60", "2001:db8::60");
    backend.apply(new Diff(entries, AddressSet.empty()));
    backend.prepare();
    assertThat(backend.current()).isEqualTo(entries);
  }

  @Test
  void uninstallRemovesEverythingAndPrepareStartsOver() throws Exception {
    backend.apply(new Diff(set("192.0.2.70", "2001:db8::70"), AddressSet.empty()));
    backend.uninstall();
    assertThat(backend.current()).isEqualTo(AddressSet.empty());
    backend.prepare();
    assertThat(backend.current()).isEqualTo(AddressSet.empty());
    backend.apply(new Diff(set("192.0.2.71"), AddressSet.empty()));
    assertThat(backend.current()).isEqualTo(set("192.0.2.71"));
  }

  @Test
  void statusTellsWhetherTheHookIsInPlace() throws Exception {
    BackendStatus prepared = backend.status();
    assertThat(prepared.hook()).as(prepared.hookDetail()).isIn(BackendStatus.Hook.PRESENT,
        BackendStatus.Hook.NONE, BackendStatus.Hook.UNKNOWN);
    assertThat(prepared.hookDetail()).isNotBlank();
    backend.uninstall();
    BackendStatus removed = backend.status();
    assertThat(removed.hook()).as(removed.hookDetail()).isNotEqualTo(BackendStatus.Hook.PRESENT);
    if (prepared.hook() == BackendStatus.Hook.PRESENT) {
      assertThat(removed.hook()).isEqualTo(BackendStatus.Hook.MISSING);
    }
  }

  @Test
  void closingTwiceIsHarmless() throws Exception {
    FirewallBackend closing = backend;
    backend = null; // closed here, not by the teardown
    closing.uninstall();
    closing.close();
    assertThatCode(closing::close).doesNotThrowAnyException();
  }

  /** A set of literals. */
  protected static AddressSet set(String... literals) {
    AddressSet.Builder b = AddressSet.builder();
    for (String s : literals) {
      b.add(IpPrefix.parse(s));
    }
    return b.build();
  }
}
