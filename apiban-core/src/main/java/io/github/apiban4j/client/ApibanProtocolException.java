package io.github.apiban4j.client;

/**
 * APIBAN answered, but not in a way the client understands: an unexpected status, a body that is
 * not the expected JSON, a truncated body, a body over the size cap, too many entries, or a cursor
 * that is not a number. Nothing of such a reply is used. Not temporary: it needs a look by a person
 * (or a newer client), not a retry.
 */
public final class ApibanProtocolException extends ApibanException {
  private static final long serialVersionUID = 1L;

  /**
   * @param statusCode the HTTP status of the reply, or -1
   */
  public ApibanProtocolException(String message, int statusCode, Throwable cause) {
    super(message, statusCode, cause);
  }
}
