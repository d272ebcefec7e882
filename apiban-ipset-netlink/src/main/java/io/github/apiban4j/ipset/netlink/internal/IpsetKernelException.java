package io.github.apiban4j.ipset.netlink.internal;

import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.ipset.netlink.internal.codec.KernelError;
import java.io.IOException;
import java.util.Optional;

/** The kernel refused an ipset request; {@link #error()} holds its answer. */
public final class IpsetKernelException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient KernelError error;
  private final String command;
  private final String set;
  private final transient IpPrefix element;

  IpsetKernelException(String command, String set, KernelError error, IpPrefix element) {
    super(command + " " + set + ": " + IpsetErrorText.describe(error.errno())
        + (element == null ? "" : " (at element " + element + ")")
        + (error.kernelMessage().isEmpty() ? "" : "; kernel: " + error.kernelMessage()));
    this.error = error;
    this.command = command;
    this.set = set;
    this.element = element;
  }

  /** The kernel's answer. */
  public KernelError error() {
    return error;
  }

  /** The positive error code. */
  public int errno() {
    return error.errno();
  }

  /** {@code add}, {@code del}, {@code create}, … */
  public String command() {
    return command;
  }

  /** The set the request named. */
  public String set() {
    return set;
  }

  /** The element the kernel stopped at, for a bulk add or delete. */
  public Optional<IpPrefix> element() {
    return Optional.ofNullable(element);
  }
}
