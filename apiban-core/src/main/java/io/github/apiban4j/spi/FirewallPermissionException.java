package io.github.apiban4j.spi;

/** The process lacks the privilege the operation needs, usually {@code CAP_NET_ADMIN}. */
public class FirewallPermissionException extends FirewallException {
  private static final long serialVersionUID = 1L;

  public FirewallPermissionException(String backend, String operation, String message) {
    super(backend, operation, message);
  }

  public FirewallPermissionException(String backend, String operation, String message,
      Throwable cause) {
    super(backend, operation, message, cause);
  }
}
