package io.github.apiban4j.spi;

import java.io.IOException;

/**
 * A firewall operation failed. The message says what was attempted, what the kernel or tool said,
 * and what to do about it. The enforced set is as it was before the failed batch.
 */
public class FirewallException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String backend;
  private final String operation;

  public FirewallException(String backend, String operation, String message) {
    this(backend, operation, message, null);
  }

  public FirewallException(String backend, String operation, String message, Throwable cause) {
    super(backend + " " + operation + ": " + message, cause);
    this.backend = backend;
    this.operation = operation;
  }

  /** The backend's name. */
  public String backend() {
    return backend;
  }

  /** What was being done: {@code prepare}, {@code apply}, {@code current}, … */
  public String operation() {
    return operation;
  }
}
