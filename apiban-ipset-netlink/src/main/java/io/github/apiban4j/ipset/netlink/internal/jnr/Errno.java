package io.github.apiban4j.ipset.netlink.internal.jnr;

import java.util.HashMap;
import java.util.Map;

/**
 * The Linux errno values the netlink backend acts on, by name. The numbers are the generic ones
 * shared by x86_64, aarch64 and the other architectures Java runs on.
 */
public enum Errno {
  EPERM(1, "operation not permitted"),
  ENOENT(2, "no such file or directory"),
  EINTR(4, "interrupted system call"),
  EBADF(9, "bad file descriptor"),
  EAGAIN(11, "resource temporarily unavailable (timed out)"),
  ENOMEM(12, "out of memory"),
  EACCES(13, "permission denied"),
  EBUSY(16, "device or resource busy"),
  EEXIST(17, "file exists"),
  EINVAL(22, "invalid argument"),
  ENFILE(23, "too many open files in system"),
  EMFILE(24, "too many open files"),
  EMSGSIZE(90, "message too long"),
  EPROTONOSUPPORT(93, "protocol not supported"),
  EOPNOTSUPP(95, "operation not supported"),
  EAFNOSUPPORT(97, "address family not supported"),
  ENOBUFS(105, "no buffer space available (replies were dropped)"),
  UNKNOWN(-1, "unknown error");

  private static final Map<Integer, Errno> BY_CODE = new HashMap<>();

  static {
    for (Errno e : values()) {
      BY_CODE.put(e.code, e);
    }
  }

  private final int code;
  private final String description;

  Errno(int code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The number. */
  public int code() {
    return code;
  }

  /** What it means, in lower case. */
  public String description() {
    return description;
  }

  /** The constant for {@code code}, or {@link #UNKNOWN}. */
  public static Errno of(int code) {
    return BY_CODE.getOrDefault(code, UNKNOWN);
  }
}
