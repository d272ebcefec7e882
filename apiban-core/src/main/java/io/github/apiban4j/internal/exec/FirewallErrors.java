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
  /** What a failure to enter a missing network namespace adds: how to make it exist. */
  public static final String NO_SUCH_NAMESPACE = "the network namespace does not exist: create it"
      + " (ip netns add NAME) or fix backend option namespace";

  private FirewallErrors() {}

  /**
   * {@code e} as a {@link FirewallException}: a missing program as
   * {@link BackendUnavailableException} (naming the package to install), a refusal for want of
   * privilege as {@link FirewallPermissionException} (naming the capability), anything else as a
   * plain {@link FirewallException} with the tool's exit status and words (and, when the
   * namespace to run it in does not exist, how to create it). A {@link FirewallException} is
   * returned as it is.
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
    if (e instanceof CommandFailedException f && namespaceMissing(f.stderr())) {
      return new FirewallException(backend, operation,
          e.getMessage() + "; " + NO_SUCH_NAMESPACE, e);
    }
    return new FirewallException(backend, operation, String.valueOf(e.getMessage()), e);
  }

  /**
   * {@code failed}, a run that did not succeed, as {@link #translate(String, String, IOException)}
   * turns the {@link CommandFailedException} of {@link CommandResult#requireSuccess} into a
   * typed error: for a backend that looks at a failed result before deciding it is an error.
   *
   * @param what what the command was for, for the message: {@code "listing table inet apiban"}
   * @throws IllegalArgumentException if {@code failed} succeeded
   */
  public static FirewallException translate(String backend, String operation,
      CommandResult failed, String what) {
    if (failed.succeeded()) {
      throw new IllegalArgumentException("not a failure: " + failed);
    }
    return translate(backend, operation, new CommandFailedException(what, failed));
  }

  /** What {@code ip netns exec} and {@code nsenter} say when the namespace is not there. */
  private static boolean namespaceMissing(String stderr) {
    return stderr.startsWith("Cannot open network namespace")
        || stderr.startsWith("nsenter: cannot open");
  }
}
