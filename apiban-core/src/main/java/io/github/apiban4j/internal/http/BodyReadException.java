package io.github.apiban4j.internal.http;

import java.io.IOException;

/**
 * The connection failed while the body was being read (reset, closed early, timed out). It marks
 * the failure as one of transport, not of content, so the client retries it rather than calling
 * the reply malformed. The cause is the original failure.
 */
public final class BodyReadException extends IOException {
  private static final long serialVersionUID = 1L;

  public BodyReadException(IOException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized IOException getCause() {
    return (IOException) super.getCause();
  }
}
