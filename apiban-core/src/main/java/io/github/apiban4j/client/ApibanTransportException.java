package io.github.apiban4j.client;

/**
 * No complete reply arrived: a timeout, a refused or dropped connection, a failed name lookup or
 * TLS handshake, after every attempt the client was allowed. {@link #statusCode()} is -1. The cause
 * is the last failure, with the key masked out of every message in its chain.
 *
 * <p>Temporary, except when the server's certificate was not trusted: that is a wrong base URL, an
 * intercepting proxy or a missing trust anchor, and waiting does not fix it.
 */
public final class ApibanTransportException extends ApibanException {
  private static final long serialVersionUID = 1L;

  private final boolean timeout;
  private final boolean untrustedServer;

  public ApibanTransportException(String message, boolean timeout, Throwable cause) {
    this(message, timeout, false, cause);
  }

  public ApibanTransportException(String message, boolean timeout, boolean untrustedServer,
      Throwable cause) {
    super(message, -1, cause);
    this.timeout = timeout;
    this.untrustedServer = untrustedServer;
  }

  /** Whether the TLS handshake failed because the server's certificate was not trusted. */
  public boolean isUntrustedServer() {
    return untrustedServer;
  }

  /** Whether the last attempt failed because a connect, read or call timeout elapsed. */
  public boolean isTimeout() {
    return timeout;
  }

  @Override
  public boolean isTemporary() {
    return !untrustedServer;
  }
}
