package io.github.apiban4j.ipset.netlink.internal.jnr;

import java.io.IOException;

/** jnr-ffi could not bind libc, so no netlink socket can be opened. */
public final class NativeUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public NativeUnavailableException(Throwable cause) {
    super(describe(cause), cause);
  }

  static String describe(Throwable cause) {
    return "jnr-ffi could not load libc (" + cause + "); if the temporary directory is mounted"
        + " noexec, point -Djffi.extract.dir at a directory that allows execution";
  }
}
