package io.github.apiban4j.internal.exec;

import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.spi.FirewallPermissionException;
import java.io.IOException;

/**
 * Turns what running a tool threw into the SPI's typed errors, so that every process-driving
 * backend reports a missing tool, a missing privilege and a failure alike.
 */
public final class FirewallErrors {
  /** What a permission error adds: the capability and how to get it. */
  public static final String NEEDS_NET_ADMIN = "needs CAP_NET_ADMIN: run as root, or grant the"
      + " capability (systemd: AmbientCapabilities=CAP_NET_ADMIN)";

  private FirewallErrors() {}

  /**
   * {@code e} as a {@link FirewallException}: a missing program as
   * {@link BackendUnavailableException} (naming the package to install), a refusal for want of
   * privilege as {@link FirewallPermissionException} (naming the capability), anything else as a
   * plain {@link FirewallException} with the tool's exit status and words. A
   * {@link FirewallException} is returned as it is.
   *
   * @param operation what was being done: {@code prepare}, {@code apply}, …
   */
  public static FirewallException translate(String backend, String operation, IOException e) {
    if (e instanceof FirewallException f) {
      return f;
    }
    if (e instanceof CommandNotFoundException) {
      return new BackendUnavailableException(backend, e.getMessage(), e);
    }
    if (e instanceof CommandFailedException f && f.permissionDenied()) {
      return new FirewallPermissionException(backend, operation,
          e.getMessage() + "; " + NEEDS_NET_ADMIN, e);
    }
    return new FirewallException(backend, operation, String.valueOf(e.getMessage()), e);
  }
}
