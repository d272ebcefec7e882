package io.github.apiban4j.client;

/**
 * APIBAN refused the key (HTTP 403, or 401): it is wrong, revoked, or not yet active. Never
 * temporary, and never reported as "not banned" by {@link ApibanClient#check}. The message says to
 * check the key, and names it only by its {@link ApiKey#fingerprint() fingerprint}.
 */
public final class ApibanUnauthorizedException extends ApibanException {
  private static final long serialVersionUID = 1L;

  public ApibanUnauthorizedException(String message, int statusCode) {
    super(message, statusCode, null);
  }
}
