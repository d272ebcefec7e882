package io.github.apiban4j.client;

import java.io.IOException;

/**
 * A call to APIBAN failed. The subclass says why; {@link #isTemporary()} says whether trying again
 * later can help. Messages name the operation and the host, never a URL and never the key, and are
 * safe to log.
 *
 * <table>
 *   <caption>Subclasses</caption>
 *   <tr><th>class</th><th>cause</th><th>temporary</th></tr>
 *   <tr><td>{@link ApibanUnauthorizedException}</td><td>the key was refused</td><td>no</td></tr>
 *   <tr><td>{@link ApibanRateLimitException}</td><td>too many requests for the key</td>
 *       <td>yes</td></tr>
 *   <tr><td>{@link ApibanServerException}</td><td>5xx replies, after every retry</td>
 *       <td>yes</td></tr>
 *   <tr><td>{@link ApibanTransportException}</td><td>timeouts and connection failures, after
 *       every retry</td><td>yes</td></tr>
 *   <tr><td>{@link ApibanProtocolException}</td><td>a reply the client cannot read</td>
 *       <td>no</td></tr>
 * </table>
 */
public class ApibanException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  /**
   * @param statusCode the HTTP status of the reply, or -1 if there was none
   */
  protected ApibanException(String message, int statusCode, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  /** The HTTP status of the reply that failed, or -1 if no reply was received. */
  public int statusCode() {
    return statusCode;
  }

  /** Whether the same call may succeed later without any change on this side. */
  public boolean isTemporary() {
    return false;
  }
}
