package io.github.apiban4j.examples.cli;

/** The command line is wrong (exit status 64); the message says how to fix it. */
final class UsageException extends ConfigException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
