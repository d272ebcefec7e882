package io.github.apiban4j.examples.cli;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.spi.Availability;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallBackendProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A backend for the CLI's tests whose "kernel" is a directory, so that what one command applies is
 * what the next one (another {@code Main.run}) finds, as with a kernel backend: {@code sets} holds
 * the entries, {@code hook} exists while the hook is in place, {@code drops} holds counters. Never
 * chosen automatically. Option {@code dir}: the directory.
 */
final class FileBackend implements FirewallBackend {
  static final String NAME = "file-test";

  private final Path dir;

  FileBackend(Path dir) {
    this.dir = dir;
  }

  /** Registered in the test resources' service file. */
  public static final class Provider implements FirewallBackendProvider {
    public Provider() {}

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public int priority() {
      return -200;
    }

    @Override
    public Availability probe() {
      return Availability.available("a directory standing for the kernel (tests)");
    }

    @Override
    public FirewallBackend create(BackendConfig config) {
      config.requireKnownKeys(NAME, Set.of("dir"));
      return new FileBackend(Path.of(config.get("dir").orElseThrow(
          () -> new IllegalArgumentException("backend option dir is required"))));
    }
  }

  private Path sets() {
    return dir.resolve("sets");
  }

  private Path hook() {
    return dir.resolve("hook");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean prepare() throws IOException {
    Files.createDirectories(dir);
    boolean created = !Files.exists(hook()) || !Files.exists(sets());
    if (!Files.exists(sets())) {
      Files.writeString(sets(), "");
    }
    if (!Files.exists(hook())) {
      Files.writeString(hook(), "");
    }
    return created;
  }

  @Override
  public AddressSet current() throws IOException {
    if (!Files.exists(sets())) {
      return AddressSet.empty();
    }
    return AddressSet.copyOf(Files.readAllLines(sets()).stream().filter(l -> !l.isBlank())
        .map(IpPrefix::parse).toList());
  }

  @Override
  public void apply(Diff diff) throws IOException {
    write(diff.applyTo(current()));
  }

  @Override
  public void replace(AddressSet entries) throws IOException {
    write(entries);
  }

  private void write(AddressSet entries) throws IOException {
    if (!Files.exists(sets())) {
      throw new IOException("the set does not exist: prepare() first");
    }
    Files.write(sets(), entries.stream().map(IpPrefix::toString).toList());
  }

  @Override
  public BackendStatus status() throws IOException {
    Optional<BackendStatus.DropCounters> drops = Optional.empty();
    if (Files.exists(dir.resolve("drops"))) {
      long[] n = Files.readAllLines(dir.resolve("drops")).stream().mapToLong(Long::parseLong)
          .toArray();
      drops = Optional.of(new BackendStatus.DropCounters(n[0], n[1], n[2], n[3]));
    }
    List<String> warnings = Files.exists(dir.resolve("warning"))
        ? List.of(Files.readString(dir.resolve("warning")).strip()) : List.of();
    return Files.exists(hook())
        ? new BackendStatus(BackendStatus.Hook.PRESENT, "file " + hook(), drops, warnings)
        : new BackendStatus(BackendStatus.Hook.MISSING, "no file " + hook(), drops, warnings);
  }

  @Override
  public void uninstall() throws IOException {
    Files.deleteIfExists(sets());
    Files.deleteIfExists(hook());
  }

  @Override
  public void close() {}
}
