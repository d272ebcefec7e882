package io.github.apiban4j.client;

import java.time.Duration;
import java.util.Optional;

/**
 * APIBAN answered HTTP 429: the key made too many requests. Temporary. The client does not retry
 * it; it tells its {@link RequestPacer} to hold further requests until {@link #retryAfter()} has
 * passed, or for the pacer's whole window when the server named no time. A feed reader keeps its
 * progress and resumes later.
 */
public final class ApibanRateLimitException extends ApibanException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * @param retryAfter the wait the server asked for, or {@code null} if it named none
   */
  public ApibanRateLimitException(String message, Duration retryAfter) {
    super(message, 429, null);
    this.retryAfter = retryAfter;
  }

  /** The wait from the {@code Retry-After} header, if the reply had a readable one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isTemporary() {
    return true;
  }
}
