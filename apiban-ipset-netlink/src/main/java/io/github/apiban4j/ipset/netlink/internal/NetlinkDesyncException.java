package io.github.apiban4j.ipset.netlink.internal;

import java.io.IOException;

/**
 * The socket's reply stream can no longer be trusted: replies were dropped (ENOBUFS), none came in
 * time, or one answered a request that was not asked. The session has closed the socket; what the
 * kernel did is unknown until it is read back.
 */
public final class NetlinkDesyncException extends IOException {
  private static final long serialVersionUID = 1L;

  NetlinkDesyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
