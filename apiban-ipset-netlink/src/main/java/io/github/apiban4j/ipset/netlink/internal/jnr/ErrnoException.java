package io.github.apiban4j.ipset.netlink.internal.jnr;

import java.io.IOException;

/** A libc call failed; {@link #errno()} says how. */
public final class ErrnoException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final int code;

  public ErrnoException(String call, int code) {
    super(call + " failed: " + describe(code));
    this.call = call;
    this.code = code;
  }

  /** The call that failed, e.g. {@code socket(AF_NETLINK, NETLINK_NETFILTER)}. */
  public String call() {
    return call;
  }

  /** The errno, as a constant; {@link Errno#UNKNOWN} for one not listed there. */
  public Errno errno() {
    return Errno.of(code);
  }

  /** The raw errno value. */
  public int code() {
    return code;
  }

  private static String describe(int code) {
    Errno e = Errno.of(code);
    return e == Errno.UNKNOWN ? "errno " + code : e.name() + " (" + e.description() + ")";
  }
}
