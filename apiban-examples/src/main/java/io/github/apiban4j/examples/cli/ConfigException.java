package io.github.apiban4j.examples.cli;

/** The configuration (file, options or environment) is invalid; the message says how to fix it. */
class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  ConfigException(String message) {
    super(message);
  }

  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
