package io.github.apiban4j.ipset.netlink.internal;

import io.github.apiban4j.internal.exec.FirewallErrors;
import io.github.apiban4j.ipset.netlink.internal.codec.Ipset;
import io.github.apiban4j.ipset.netlink.internal.jnr.Errno;
import io.github.apiban4j.ipset.netlink.internal.jnr.ErrnoException;
import io.github.apiban4j.ipset.netlink.internal.jnr.NativeUnavailableException;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.spi.FirewallPermissionException;
import java.io.IOException;

/** Turns what the netlink layer threw into the SPI's typed errors, with what to do about them. */
final class IpsetErrors {
  private static final String NAME = IpsetNetlinkBackend.NAME;

  private IpsetErrors() {}

  static FirewallException translate(String operation, IOException e) {
    if (e instanceof FirewallException f) {
      return f;
    }
    if (e instanceof NativeUnavailableException) {
      return new BackendUnavailableException(NAME, e.getMessage(), e);
    }
    if (e instanceof IpsetKernelException k) {
      return kernel(operation, k);
    }
    if (e instanceof ErrnoException x) {
      return switch (x.errno()) {
        case EPERM, EACCES -> new FirewallPermissionException(NAME, operation,
            x.getMessage() + "; " + FirewallErrors.NEEDS_NET_ADMIN
                + " (entering another network namespace also needs CAP_SYS_ADMIN)", e);
        case EPROTONOSUPPORT, EAFNOSUPPORT -> new BackendUnavailableException(NAME,
            x.getMessage() + ": the kernel has no nfnetlink; modprobe nfnetlink ip_set", e);
        default -> new FirewallException(NAME, operation, x.getMessage(), e);
      };
    }
    return new FirewallException(NAME, operation, String.valueOf(e.getMessage()), e);
  }

  private static FirewallException kernel(String operation, IpsetKernelException k) {
    String message = k.getMessage();
    return switch (k.errno()) {
      case 1 -> new FirewallPermissionException(NAME, operation,
          message + "; " + FirewallErrors.NEEDS_NET_ADMIN, k);
      // Refused part-way: the elements before the named one are in the set, so this is not the
      // "nothing added" refusal a capacity check makes before sending.
      case Ipset.ERR_HASH_FULL -> new FirewallException(NAME, operation, message + "; the"
          + " entries before it were added. The set was filled behind this backend's back or is"
          + " smaller than it knew: the next sync's prepare() reads its size again", k);
      case Ipset.ERR_FIND_TYPE -> new BackendUnavailableException(NAME, message, k);
      case 2 -> new FirewallException(NAME, operation, "set " + k.set() + " does not exist: it"
          + " was destroyed after prepare(); the next sync's prepare() creates it again", k);
      default -> new FirewallException(NAME, operation, message, k);
    };
  }
}
