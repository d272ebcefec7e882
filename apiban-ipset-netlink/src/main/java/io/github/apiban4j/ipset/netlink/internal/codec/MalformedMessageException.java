package io.github.apiban4j.ipset.netlink.internal.codec;

/** A received message does not parse: a length out of bounds, an attribute of the wrong size. */
public final class MalformedMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String message) {
    super("malformed netlink reply: " + message);
  }
}
