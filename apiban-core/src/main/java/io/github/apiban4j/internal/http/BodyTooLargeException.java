package io.github.apiban4j.internal.http;

import java.io.IOException;

/** A reply body longer than the configured cap: the client reports a protocol error. */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public BodyTooLargeException(long limit) {
    super("the reply body is larger than the limit of " + limit + " bytes");
  }
}
