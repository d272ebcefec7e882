package io.github.apiban4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.memory.InMemoryBackend;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirewallBackendsTest {
  @TempDir Path dir;

  /** A provider that is installed but cannot run here. */
  public static final class UnavailableProvider implements FirewallBackendProvider {
    @Override
    public String name() {
      return "unavailable-test";
    }

    @Override
    public Availability probe() {
      return Availability.unavailable("needs the frobnicator kernel module: modprobe frob");
    }

    @Override
    public FirewallBackend create(BackendConfig config) {
      throw new AssertionError("never created when unavailable");
    }
  }

  /** A provider whose probe breaks its contract by throwing. */
  public static final class ThrowingProvider implements FirewallBackendProvider {
    @Override
    public String name() {
      return "throwing-test";
    }

    @Override
    public Availability probe() {
      throw new IllegalStateException("boom");
    }

    @Override
    public FirewallBackend create(BackendConfig config) {
      throw new AssertionError();
    }
  }

  private ClassLoader loaderWithServices(String... lines) throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.write(services.resolve(FirewallBackendProvider.class.getName()), java.util.List.of(lines));
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void findsTheMemoryBackendByName() throws Exception {
    try (FirewallBackend b = FirewallBackends.create("memory", BackendConfig.empty())) {
      assertThat(b).isInstanceOf(InMemoryBackend.class);
      assertThat(b.name()).isEqualTo("memory");
    }
    assertThat(FirewallBackends.candidates()).extracting(FirewallBackends.Candidate::name)
        .contains("memory");
  }

  @Test
  void automaticSelectionNeverFallsBackToTheMemoryBackend() {
    assertThatThrownBy(() -> FirewallBackends.createBest(BackendConfig.empty()))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("no firewall backend can run here")
        .hasMessageContaining("memory (available");
  }

  @Test
  void anUnknownNameIsAClearErrorListingWhatIsInstalled() {
    assertThatThrownBy(() -> FirewallBackends.create("nftabels", BackendConfig.empty()))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("nftabels")
        .hasMessageContaining("no backend of this name is installed")
        .hasMessageContaining("memory (available");
  }

  @Test
  void anUnavailableBackendReportsItsReason() throws Exception {
    ClassLoader loader = loaderWithServices(UnavailableProvider.class.getName());
    assertThatThrownBy(() -> FirewallBackends.create("unavailable-test", BackendConfig.empty(), loader))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("modprobe frob");
  }

  @Test
  void brokenProvidersAreReportedNotFatal() throws Exception {
    ClassLoader loader = loaderWithServices("no.such.Provider", ThrowingProvider.class.getName(),
        UnavailableProvider.class.getName());
    var candidates = FirewallBackends.candidates(loader);
    assertThat(candidates).anySatisfy(c -> {
      assertThat(c.provider()).isNull();
      assertThat(c.availability().reason()).contains("no.such.Provider");
    });
    assertThat(candidates).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("throwing-test");
      assertThat(c.availability().available()).isFalse();
      assertThat(c.availability().reason()).contains("probe failed").contains("boom");
    });
    try (FirewallBackend b = FirewallBackends.create("memory", BackendConfig.empty(), loader)) {
      assertThat(b.name()).isEqualTo("memory");
    }
  }
}
