package io.github.apiban4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.FirewallBackends;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallCapacityException;
import io.github.apiban4j.testkit.FirewallBackendCompatibilityKit;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryBackendTest extends FirewallBackendCompatibilityKit {

  @Override
  protected FirewallBackend newBackend() throws Exception {
    return FirewallBackends.create("memory", BackendConfig.empty());
  }

  @Test
  void answersIsBannedForAddressesAndPrefixes() throws Exception {
    InMemoryBackend guard = new InMemoryBackend();
    guard.apply(new Diff(set("192.0.2.1", "198.51.100.0/24", "2001:db8:1::/48"), AddressSet.empty()));
    assertThat(guard.isBanned(InetAddress.getByName("192.0.2.1"))).isTrue();
    assertThat(guard.isBanned(InetAddress.getByName("192.0.2.2"))).isFalse();
    assertThat(guard.isBanned(InetAddress.getByName("198.51.100.77"))).isTrue();
    assertThat(guard.isBanned(InetAddress.getByName("2001:db8:1:2::3"))).isTrue();
    assertThat(guard.isBanned(InetAddress.getByName("2001:db8:2::3"))).isFalse();
  }

  @Test
  void aBatchBeyondCapacityFailsWholeAndChangesNothing() throws Exception {
    InMemoryBackend backend = (InMemoryBackend) new InMemoryBackendProvider()
        .create(BackendConfig.of(Map.of("capacity", "3")));
    backend.apply(new Diff(set("192.0.2.1", "192.0.2.2"), AddressSet.empty()));
    assertThatThrownBy(() -> backend.apply(
        new Diff(set("192.0.2.3", "192.0.2.4"), AddressSet.empty())))
        .isInstanceOf(FirewallCapacityException.class)
        .hasMessageContaining("capacity of 3")
        .hasMessageContaining("nothing was applied");
    assertThat(backend.current()).isEqualTo(set("192.0.2.1", "192.0.2.2"));
  }

  @Test
  void rejectsUnknownOptionsAndNamespaces() {
    InMemoryBackendProvider provider = new InMemoryBackendProvider();
    assertThatThrownBy(() -> provider.create(BackendConfig.of(Map.of("capacty", "3"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacty").hasMessageContaining("capacity");
    assertThatThrownBy(() -> provider.create(BackendConfig.of(Map.of("namespace", "x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
    assertThatThrownBy(() -> provider.create(BackendConfig.of(Map.of("capacity", "-1"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive integer");
  }

  @Test
  void afterCloseUpdatesFailButLookupsKeepAnswering() throws Exception {
    InMemoryBackend guard = new InMemoryBackend();
    guard.apply(new Diff(set("192.0.2.9"), AddressSet.empty()));
    guard.close();
    assertThat(guard.isBanned(InetAddress.getByName("192.0.2.9"))).isTrue();
    assertThatThrownBy(() -> guard.apply(Diff.none())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void readersSeeEitherTheOldOrTheNewSetNeverAMix() throws Exception {
    InMemoryBackend guard = new InMemoryBackend();
    AddressSet a = set("192.0.2.1", "192.0.2.2");
    AddressSet b = set("198.51.100.1", "198.51.100.2");
    guard.replace(a);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong torn = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    CountDownLatch started = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try {
        InetAddress a1 = InetAddress.getByName("192.0.2.1");
        InetAddress a2 = InetAddress.getByName("192.0.2.2");
        InetAddress b1 = InetAddress.getByName("198.51.100.1");
        started.countDown();
        while (!stop.get()) {
          AddressSet snapshot = guard.snapshot();
          boolean inA = snapshot.matches(a1) && snapshot.matches(a2);
          boolean inB = snapshot.matches(b1);
          if (inA == inB) {
            torn.incrementAndGet();
          }
          guard.isBanned(a1);
          reads.incrementAndGet();
        }
      } catch (Exception e) {
        torn.incrementAndGet();
      }
    });
    reader.start();
    started.await();
    int swaps = 0;
    while (reads.get() < 20_000 && swaps < 50_000_000) {
      guard.replace(swaps++ % 2 == 0 ? b : a);
    }
    stop.set(true);
    reader.join();
    assertThat(reads.get()).isGreaterThanOrEqualTo(20_000);
    assertThat(torn.get()).isZero();
  }

  @Test
  void reportsThatItHasNoKernelHook() {
    InMemoryBackend guard = new InMemoryBackend();
    assertThat(guard.status().hook()).isEqualTo(BackendStatus.Hook.NONE);
    assertThat(guard.status().drops()).isEmpty();
    FirewallBackend silent = new FirewallBackend() {
      @Override public String name() { return "silent"; }
      @Override public boolean prepare() { return false; }
      @Override public AddressSet current() { return AddressSet.empty(); }
      @Override public void apply(Diff diff) {}
      @Override public void replace(AddressSet entries) {}
      @Override public void uninstall() {}
      @Override public void close() {}
    };
    assertThatCode(() -> assertThat(silent.status()).isEqualTo(BackendStatus.unknown()))
        .doesNotThrowAnyException();
  }
}
