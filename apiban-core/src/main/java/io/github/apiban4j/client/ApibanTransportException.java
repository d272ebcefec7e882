package io.github.apiban4j.client;

/**
 * No complete reply arrived: a timeout, a refused or dropped connection, a failed name lookup or
 * TLS handshake, after every attempt the client was allowed. Temporary; {@link #statusCode()} is
 * -1. The cause is the last failure, with the key masked out of every message in its chain.
 */
public final class ApibanTransportException extends ApibanException {
  private static final long serialVersionUID = 1L;

  private final boolean timeout;

  public ApibanTransportException(String message, boolean timeout, Throwable cause) {
    super(message, -1, cause);
    this.timeout = timeout;
  }

  /** Whether the last attempt failed because a connect, read or call timeout elapsed. */
  public boolean isTimeout() {
    return timeout;
  }

  @Override
  public boolean isTemporary() {
    return true;
  }
}
