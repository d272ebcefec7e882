package io.github.apiban4j.client;

/** APIBAN kept answering with a 5xx status until the client ran out of attempts. Temporary. */
public final class ApibanServerException extends ApibanException {
  private static final long serialVersionUID = 1L;

  public ApibanServerException(String message, int statusCode) {
    super(message, statusCode, null);
  }

  @Override
  public boolean isTemporary() {
    return true;
  }
}
