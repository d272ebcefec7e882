package io.github.apiban4j.internal.http;

import java.io.IOException;

/** A reply body that is not the JSON object APIBAN sends: the client reports a protocol error. */
public final class MalformedReplyException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedReplyException(String message) {
    super(message);
  }

  public MalformedReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
