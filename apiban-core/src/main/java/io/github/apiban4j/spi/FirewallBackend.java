package io.github.apiban4j.spi;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import java.io.IOException;

/**
 * One place where banned addresses are enforced: a pair of kernel sets and the rule that drops
 * their traffic, or an in-process set.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #apply} and {@link #replace} are each one batch: either all of it takes effect or, on
 *       an exception, the enforced set is unchanged. A backend that cannot guarantee this for a whole
 *       batch must say so in its documentation.</li>
 *   <li>No method ever leaves the enforced set empty while replacing it: a replacement is built aside
 *       and swapped in.</li>
 *   <li>{@link #apply} tolerates adding what is present and removing what is absent.</li>
 *   <li>Only parsed {@link AddressSet} values reach the kernel; no text from the network does.</li>
 *   <li>Calls come from one thread at a time; implementations need not be thread-safe unless they
 *       say otherwise. {@link #close()} may be called more than once.</li>
 * </ul>
 */
public interface FirewallBackend extends AutoCloseable {

  /** The provider's name, for messages and results. */
  String name();

  /**
   * Creates whatever the backend needs (sets, tables, chains, the hook rule), idempotently, and
   * repairs any of it that has gone missing. Entries already present are kept.
   *
   * @return {@code true} if anything was missing and has been created
   */
  boolean prepare() throws IOException;

  /**
   * What the kernel enforces now, read back from it; empty when the backend's sets do not exist
   * (before {@link #prepare()}, after {@link #uninstall()}, after a reboot). A dry run calls this
   * without calling {@link #prepare()} first.
   */
  AddressSet current() throws IOException;

  /** Adds {@code diff.toAdd()} and removes {@code diff.toRemove()} as one batch. */
  void apply(Diff diff) throws IOException;

  /** Makes the enforced set exactly {@code entries}, atomically (build aside, then swap). */
  void replace(AddressSet entries) throws IOException;

  /**
   * Whether the rule that drops banned traffic is in place, and what it has dropped, read without
   * changing anything; may be called before {@link #prepare()}. The default knows nothing ({@link
   * BackendStatus#unknown()}); kernel backends override it.
   */
  default BackendStatus status() throws IOException {
    return BackendStatus.unknown();
  }

  /** Removes everything this backend created, and nothing else. */
  void uninstall() throws IOException;

  /** Releases sockets or processes; the kernel state is left as it is. Idempotent. */
  @Override
  void close() throws IOException;
}
