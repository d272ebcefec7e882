package io.github.apiban4j.client;

import io.github.apiban4j.internal.http.ApibanReply;
import io.github.apiban4j.internal.http.Backoff;
import io.github.apiban4j.internal.http.BannedPageParser;
import io.github.apiban4j.internal.http.BodyReadException;
import io.github.apiban4j.internal.http.BodyTooLargeException;
import io.github.apiban4j.internal.http.CappedSource;
import io.github.apiban4j.internal.http.MalformedReplyException;
import io.github.apiban4j.internal.http.Redactor;
import io.github.apiban4j.internal.http.RetryAfter;
import io.github.apiban4j.internal.http.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.Okio;

/**
 * Runs one logical call: pacing, the HTTP exchange, classification by status, retries with backoff,
 * and the translation of every failure into an {@link ApibanException} whose message and causes
 * never show the key or a URL.
 */
final class Calls {
  private static final System.Logger LOG = System.getLogger(ApibanClient.class.getName());

  /** Reads a reply whose status is neither 401, 403, 429 nor 5xx. */
  @FunctionalInterface
  interface ReplyHandler<T> {
    T handle(int code, Reply reply) throws IOException;
  }

  private final OkHttpClient http;
  private final RequestPacer pacer;
  private final int maxAttempts;
  private final Backoff backoff;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final long maxBodyBytes;
  private final int maxPageEntries;
  private final Redactor redactor;
  private final String labelPrefix;
  private final String keyFingerprint;

  Calls(OkHttpClient http, RequestPacer pacer, int maxAttempts, Backoff backoff, Clock clock,
      Sleeper sleeper, RandomGenerator random, long maxBodyBytes, int maxPageEntries,
      ApiKey key, String labelPrefix) {
    this.http = http;
    this.pacer = pacer;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.maxBodyBytes = maxBodyBytes;
    this.maxPageEntries = maxPageEntries;
    this.redactor = new Redactor(key.reveal());
    this.labelPrefix = labelPrefix;
    this.keyFingerprint = key.fingerprint();
  }

  /** The body of one reply, read on demand and at most once. */
  final class Reply {
    private final String label;
    private final int code;
    private final ResponseBody body;

    Reply(String label, int code, ResponseBody body) {
      this.label = label;
      this.code = code;
      this.body = body;
    }

    /**
     * The body, parsed and validated.
     *
     * @throws ApibanProtocolException if it is too large or not a well-formed reply
     * @throws BodyReadException if the connection fails while reading (the call retries)
     */
    ApibanReply read() throws IOException {
      long length = body.contentLength();
      if (length > maxBodyBytes) {
        throw protocol("the reply body of " + length + " bytes is larger than the limit of "
            + maxBodyBytes + " bytes", null);
      }
      BufferedSource source = Okio.buffer(new CappedSource(body.source(), maxBodyBytes));
      try {
        return BannedPageParser.parse(source, maxPageEntries);
      } catch (MalformedReplyException | BodyTooLargeException e) {
        throw protocol(e.getMessage(), e);
      }
    }

    /** A protocol error about this reply. */
    ApibanProtocolException protocol(String problem, Throwable cause) {
      return new ApibanProtocolException(
          redactor.scrub(label + ": HTTP " + code + ": " + problem), code, redactor.scrub(cause));
    }

    /** The protocol error for a status this call does not expect. */
    ApibanProtocolException unexpectedStatus() {
      return protocol("unexpected status", null);
    }
  }

  /**
   * Sends {@code request} until it succeeds, fails for good, or runs out of attempts.
   *
   * @param operation the endpoint's name for messages: {@code get}, {@code banned}, {@code check}
   */
  <T> T execute(String operation, Request request, ReplyHandler<T> handler) throws IOException {
    String label = labelPrefix.replace("{op}", operation);
    for (int attempt = 1; ; attempt++) {
      pace(label);
      IOException transportFailure = null;
      int serverStatus = -1;
      Optional<Duration> retryAfter = Optional.empty();
      try (Response response = http.newCall(request).execute()) {
        int code = response.code();
        if (code >= 500 && code <= 599) {
          serverStatus = code;
          retryAfter = RetryAfter.parse(response.header("Retry-After"), clock.instant());
        } else if (code == 429) {
          throw rateLimited(label, response);
        } else if (code == 401 || code == 403) {
          throw new ApibanUnauthorizedException(label + ": unauthorized (HTTP " + code + "): check"
              + " the APIBAN key (fingerprint " + keyFingerprint + "); it may be mistyped, revoked"
              + " or not yet active", code);
        } else {
          return handler.handle(code, new Reply(label, code, response.body()));
        }
      } catch (ApibanException e) {
        throw e;
      } catch (BodyReadException e) {
        transportFailure = e.getCause();
      } catch (IOException e) {
        transportFailure = e;
      }

      if (Thread.currentThread().isInterrupted()) {
        InterruptedIOException interrupted = new InterruptedIOException(label + ": interrupted");
        interrupted.initCause(redactor.scrub(transportFailure));
        throw interrupted;
      }
      boolean last = attempt >= maxAttempts;
      if (transportFailure != null) {
        boolean timeout = transportFailure instanceof InterruptedIOException;
        boolean untrusted = isUntrustedServer(transportFailure);
        if (last || untrusted) {
          throw new ApibanTransportException(redactor.scrub(label + ": "
              + (timeout ? "timed out" : "failed") + " after " + attempts(attempt) + ": "
              + transportFailure + (untrusted ? "; the server's certificate is not trusted: check"
                  + " the base URL and any proxy, or add its CA with trustStore" : "")),
              timeout, untrusted, redactor.scrub(transportFailure));
        }
        waitBeforeRetry(label, attempt, Duration.ZERO, String.valueOf(transportFailure));
      } else {
        if (last) {
          throw new ApibanServerException(
              label + ": server error (HTTP " + serverStatus + ") after " + attempts(attempt),
              serverStatus);
        }
        // A Retry-After on a 5xx raises the wait, but never past the backoff's maximum.
        Duration floor = retryAfter
            .map(d -> d.compareTo(backoff.max()) > 0 ? backoff.max() : d)
            .orElse(Duration.ZERO);
        waitBeforeRetry(label, attempt, floor, "HTTP " + serverStatus);
      }
    }
  }

  private ApibanRateLimitException rateLimited(String label, Response response) {
    Optional<Duration> retryAfter =
        RetryAfter.parse(response.header("Retry-After"), clock.instant());
    // Without a Retry-After, hold for the pacer's whole window: someone else (a second host, the
    // old client still in cron) is using the key's budget, and after one window it is whole again.
    Duration hold = retryAfter.orElse(pacer.isUnlimited() ? Duration.ZERO : pacer.window());
    pacer.holdUntil(clock.instant().plus(hold));
    String when = retryAfter.map(d -> "; the server asks to retry after " + d.toSeconds() + " s")
        .orElse("; the server named no retry time");
    return new ApibanRateLimitException(label + ": rate limit exceeded (HTTP 429)" + when
        + "; progress is kept, resume later", retryAfter.orElse(null));
  }

  private void pace(String label) throws InterruptedIOException {
    try {
      pacer.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(label + ": interrupted while waiting for the rate limit");
    }
  }

  private void waitBeforeRetry(String label, int attempt, Duration floor, String why)
      throws InterruptedIOException {
    RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
    Duration jittered = backoff.delay(attempt, r);
    Duration delay = jittered.compareTo(floor) < 0 ? floor : jittered;
    LOG.log(Level.DEBUG, () -> redactor.scrub(label + ": " + why + "; retry " + attempt + " of "
        + (maxAttempts - 1) + " in " + delay.toMillis() + " ms"));
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(label + ": interrupted while waiting to retry");
    }
  }

  /** A failure that another attempt cannot fix: the server's certificate is not trusted. */
  private static boolean isUntrustedServer(IOException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLPeerUnverifiedException || t instanceof CertificateException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String attempts(int n) {
    return n == 1 ? "1 attempt" : n + " attempts";
  }
}
