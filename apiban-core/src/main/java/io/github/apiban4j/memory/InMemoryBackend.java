package io.github.apiban4j.memory;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import io.github.apiban4j.spi.FirewallCapacityException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A blocklist held in the process. A SIP or HTTP stack asks {@link #isBanned(InetAddress)} for every
 * new peer and rejects the banned ones; the answer comes from an immutable snapshot behind a volatile
 * reference, so it takes no lock and costs a few binary searches.
 *
 * <pre>{@code
 * InMemoryBackend guard = new InMemoryBackend();
 * BlocklistSync sync = BlocklistSync.builder().client(client).backend(guard).stateFile(path).build();
 * sync.start();
 * ...
 * if (guard.isBanned(request.remoteAddress())) { reject(request); }
 * }</pre>
 *
 * <p>Updates are serialized; each one replaces the snapshot as a whole, so a reader sees either the
 * set before a batch or the set after it.
 */
public final class InMemoryBackend implements FirewallBackend {
  /** The backend's name. */
  public static final String NAME = "memory";

  private static final BackendStatus IN_PROCESS = new BackendStatus(BackendStatus.Hook.NONE,
      "in-process set: the application asks isBanned(); nothing is dropped in the kernel, and the"
          + " set lives only as long as the process", java.util.Optional.empty(), java.util.List.of());

  private final long capacity;
  private volatile AddressSet entries = AddressSet.empty();
  private volatile boolean closed;

  /** A backend without a size limit. */
  public InMemoryBackend() {
    this(Long.MAX_VALUE);
  }

  /**
   * A backend that holds at most {@code capacity} entries, like a kernel set with a maximum size; a
   * batch that would exceed it fails as a whole with {@link FirewallCapacityException}.
   */
  public InMemoryBackend(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  /** Whether a packet from {@code address} would be dropped: it is, or lies in, a banned entry. */
  public boolean isBanned(InetAddress address) {
    return entries.matches(address);
  }

  /** Whether {@code entry} lies entirely inside a banned entry. */
  public boolean isBanned(IpPrefix entry) {
    return entries.matches(entry);
  }

  /** The banned entries now, without I/O. */
  public AddressSet snapshot() {
    return entries;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean prepare() {
    ensureOpen();
    return false;
  }

  @Override
  public AddressSet current() {
    return entries;
  }

  @Override
  public synchronized void apply(Diff diff) throws FirewallCapacityException {
    Objects.requireNonNull(diff, "diff");
    ensureOpen();
    install(diff.applyTo(entries), "apply");
  }

  @Override
  public synchronized void replace(AddressSet replacement) throws FirewallCapacityException {
    Objects.requireNonNull(replacement, "replacement");
    ensureOpen();
    install(replacement, "replace");
  }

  private void install(AddressSet next, String operation) throws FirewallCapacityException {
    if (next.size() > capacity) {
      throw new FirewallCapacityException(NAME, operation, capacity, "the batch would grow the set to "
          + next.size() + " entries, more than its capacity of " + capacity
          + "; nothing was applied. Raise the backend option capacity.");
    }
    entries = next;
  }

  /** No kernel hook: the set is enforced by the application asking {@link #isBanned}. */
  @Override
  public BackendStatus status() {
    return IN_PROCESS;
  }

  @Override
  public synchronized void uninstall() {
    ensureOpen();
    entries = AddressSet.empty();
  }

  /** Marks the backend closed; later updates fail, while {@link #isBanned} keeps answering. */
  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the memory backend is closed");
    }
  }

  @Override
  public String toString() {
    return "InMemoryBackend[" + entries.size() + " entries"
        + (capacity == Long.MAX_VALUE ? "" : ", capacity " + capacity) + "]";
  }
}
