package io.github.apiban4j.spi;

/**
 * The backend cannot run here: a binary or kernel module is missing, the platform is not Linux, or no
 * backend of the requested name is installed. The message says what to install or change.
 */
public class BackendUnavailableException extends FirewallException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String backend, String message) {
    super(backend, "unavailable", message);
  }

  public BackendUnavailableException(String backend, String message, Throwable cause) {
    super(backend, "unavailable", message, cause);
  }
}
