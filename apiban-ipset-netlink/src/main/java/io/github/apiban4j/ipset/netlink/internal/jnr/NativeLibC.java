package io.github.apiban4j.ipset.netlink.internal.jnr;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * libc, bound on first use rather than when a class loads, so that a provider can be probed and
 * reported on where jnr-ffi or its native stub cannot load (a noexec temporary directory, an
 * unsupported platform).
 */
public final class NativeLibC {
  private NativeLibC() {}

  private static final class Holder {
    static final LibC LIBC;
    static final Runtime RUNTIME;
    static final Throwable FAILURE;

    static {
      LibC libc = null;
      Runtime runtime = null;
      Throwable failure = null;
      try {
        libc = LibraryLoader.create(LibC.class).failImmediately().load("c");
        runtime = Runtime.getRuntime(libc);
      } catch (LinkageError | RuntimeException e) {
        failure = e;
      }
      LIBC = libc;
      RUNTIME = runtime;
      FAILURE = failure;
    }
  }

  /**
   * The bound library.
   *
   * @throws NativeUnavailableException if jnr-ffi could not bind libc; the message says why
   */
  public static LibC libc() throws NativeUnavailableException {
    if (Holder.LIBC == null) {
      throw new NativeUnavailableException(Holder.FAILURE);
    }
    return Holder.LIBC;
  }

  /** Why libc cannot be bound, or null if it can. Loads it if needed. */
  public static String loadProblem() {
    return Holder.LIBC == null ? NativeUnavailableException.describe(Holder.FAILURE) : null;
  }

  /** The errno of this thread's last call. */
  static int errno() {
    return LastError.getLastError(Holder.RUNTIME);
  }
}
