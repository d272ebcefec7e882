package io.github.apiban4j.ipset.netlink.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A netlink socket as the ipset session sees it: datagrams out, datagrams in. The real one is
 * {@link io.github.apiban4j.ipset.netlink.internal.jnr.NetlinkSocket}; tests substitute a scripted
 * kernel.
 */
public interface NetlinkChannel extends Closeable {

  /** Sends {@code datagram}'s remaining bytes in one {@code send()}; the kernel runs them all. */
  void send(ByteBuffer datagram) throws IOException;

  /**
   * Receives one datagram into {@code into}, from position 0, and sets its limit to the bytes
   * stored.
   *
   * @return the datagram's real length, larger than the capacity if it was truncated
   */
  int receive(ByteBuffer into) throws IOException;

  /** Closes the socket. Idempotent. */
  @Override
  void close();

  /** Opens a channel: the session reopens through this after a failure it cannot trust. */
  @FunctionalInterface
  interface Factory {
    NetlinkChannel open() throws IOException;
  }
}
