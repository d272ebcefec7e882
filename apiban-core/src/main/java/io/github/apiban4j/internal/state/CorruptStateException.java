package io.github.apiban4j.internal.state;

/** The state file's content is not a valid state; the message says what and where. */
final class CorruptStateException extends Exception {
  private static final long serialVersionUID = 1L;

  CorruptStateException(String reason) {
    super(reason, null, false, false);
  }
}
