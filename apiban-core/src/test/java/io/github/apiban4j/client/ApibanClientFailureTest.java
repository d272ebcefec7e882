package io.github.apiban4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Errors: classification by status, retries, timeouts, broken and hostile bodies, interrupts. */
class ApibanClientFailureTest extends ClientTestSupport {

  private static MockResponse status(int code) {
    return Fixtures.reply(code, "server-error.html");
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void http403IsUnauthorizedWhateverTheBodyAndIsNotRetried(ApiVersion version) {
    enqueue(new MockResponse.Builder().code(403).body("Forbidden").build());
    ApibanClient client = client(version).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOf(ApibanUnauthorizedException.class)
        .hasMessageContaining("unauthorized")
        .hasMessageContaining("check the APIBAN key (fingerprint " + KEY.fingerprint() + ")");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void http429IsARateLimitEvenThoughTheBodySaysUnauthorized(ApiVersion version) {
    enqueue(429, "rate-limit.json");
    ApibanClient client = client(version).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOfSatisfying(ApibanRateLimitException.class, e -> {
          assertThat(e.retryAfter()).isEmpty();
          assertThat(e.isTemporary()).isTrue();
          assertThat(e.statusCode()).isEqualTo(429);
          assertThat(e).hasMessageContaining("rate limit exceeded (HTTP 429)");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void http429WithoutRetryAfterHoldsALimitedPacerForItsWindow() {
    enqueue(429, "rate-limit.json");
    RequestPacer pacer = RequestPacer.create(11, Duration.ofMinutes(2), time, time);
    ApibanClient client = client(ApiVersion.V2).pacer(pacer).build();

    assertThatThrownBy(() -> client.banned("100")).isInstanceOf(ApibanRateLimitException.class);
    assertThat(pacer.delayUntilNextPermit()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void http429WithRetryAfterSecondsHoldsThePacerAndTheNextCallWaits() throws Exception {
    enqueue(new MockResponse.Builder(Fixtures.reply(429, "rate-limit.json"))
        .setHeader("Retry-After", "90").build());
    enqueue(200, "page.json");
    ApibanClient client = client(ApiVersion.V2).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOfSatisfying(ApibanRateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(90)));
    assertThat(client.pacer().delayUntilNextPermit()).isEqualTo(Duration.ofSeconds(90));

    BannedPage page = client.banned("100");

    assertThat(page.entries()).hasSize(4);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(90));
  }

  @Test
  void http429WithRetryAfterDateIsCountedFromTheClock() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME
        .format(FakeTime.START.plusSeconds(300).atZone(ZoneOffset.UTC));
    enqueue(new MockResponse.Builder(Fixtures.reply(429, "rate-limit.json"))
        .setHeader("Retry-After", date).build());
    ApibanClient client = client(ApiVersion.V1).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOfSatisfying(ApibanRateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(5)));
    assertThat(client.pacer().delayUntilNextPermit()).isEqualTo(Duration.ofMinutes(5));
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void serverErrorsAreRetriedUntilSuccess(ApiVersion version) throws Exception {
    enqueue(status(500));
    enqueue(status(503));
    enqueue(200, "page.json");

    BannedPage page = client(version).build().banned("100");

    assertThat(page.nextCursor()).contains("1698425647");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void aPersistent503FailsAfterMaxAttemptsWithThatManyRequests() {
    for (int i = 0; i < 4; i++) {
      enqueue(status(503));
    }
    ApibanClient client = client(ApiVersion.V2).maxAttempts(4).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOfSatisfying(ApibanServerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(503);
          assertThat(e.isTemporary()).isTrue();
          assertThat(e).hasMessage("APIBAN v2 get (" + server.url("/").host() + ":"
              + server.getPort() + "): server error (HTTP 503) after 4 attempts");
        });
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void oneAttemptMeansNoRetry() {
    enqueue(status(500));
    enqueue(200, "page.json");
    ApibanClient client = client(ApiVersion.V1).maxAttempts(1).build();

    assertThatThrownBy(() -> client.banned("100")).isInstanceOf(ApibanServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void backoffIsJitteredWithinItsExponentialBounds() {
    for (int i = 0; i < 6; i++) {
      enqueue(status(502));
    }
    ApibanClient client = client(ApiVersion.V2)
        .maxAttempts(6)
        .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4))
        .build();

    assertThatThrownBy(() -> client.banned("100")).isInstanceOf(ApibanServerException.class);

    assertThat(time.sleeps()).hasSize(5);
    long[] ceilings = {1, 2, 4, 4, 4};
    for (int i = 0; i < 5; i++) {
      assertThat(time.sleeps().get(i))
          .isBetween(Duration.ZERO, Duration.ofSeconds(ceilings[i]));
    }
    // Full jitter: the waits are spread out, not all at the ceiling.
    assertThat(time.sleeps()).doesNotHaveDuplicates();
  }

  @Test
  void aRetryAfterOnA503RaisesTheBackoffButNotPastItsMaximum() throws Exception {
    enqueue(new MockResponse.Builder(status(503)).setHeader("Retry-After", "5").build());
    enqueue(new MockResponse.Builder(status(503)).setHeader("Retry-After", "3600").build());
    enqueue(200, "page.json");

    client(ApiVersion.V2).retryBackoff(Duration.ofMillis(100), Duration.ofSeconds(30)).build()
        .banned("100");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  @Test
  void aStalledServerTimesOutAndIsRetried() throws Exception {
    MockResponse stall = new MockResponse.Builder()
        .onResponseStart(SocketEffect.Stall.INSTANCE).build();
    enqueue(stall);
    enqueue(stall);
    ApibanClient client = client(ApiVersion.V2)
        .readTimeout(Duration.ofMillis(200))
        .maxAttempts(2)
        .build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOfSatisfying(ApibanTransportException.class, e -> {
          assertThat(e.isTimeout()).isTrue();
          assertThat(e.isTemporary()).isTrue();
          assertThat(e.statusCode()).isEqualTo(-1);
          assertThat(e).hasMessageContaining("timed out after 2 attempts");
        });
    // The client gave up without a reply, so the server may not have read a request yet.
    takeRequest();
    takeRequest();
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void aRefusedConnectionIsATransportErrorAfterEveryAttempt() throws Exception {
    MockWebServer closed = new MockWebServer();
    closed.start();
    String deadUrl = closed.url("/api/").toString();
    closed.close();
    ApibanClient client = client(ApiVersion.V1).baseUrl(deadUrl).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOfSatisfying(ApibanTransportException.class, e -> {
          assertThat(e.isTimeout()).isFalse();
          assertThat(e).hasMessageContaining("failed after 3 attempts");
        });
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void aConnectionDroppedMidBodyIsNeverAPartialPage() {
    enqueue(new MockResponse.Builder().body(Fixtures.page(250, "1698425999"))
        .onResponseBody(new SocketEffect.CloseSocket()).build());
    ApibanClient client = client(ApiVersion.V2).maxAttempts(1).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOf(ApibanTransportException.class)
        .hasMessageContaining("failed after 1 attempt");
  }

  @Test
  void aConnectionDroppedMidBodyIsRetried() throws Exception {
    enqueue(new MockResponse.Builder().body(Fixtures.page(250, "1698425999"))
        .onResponseBody(new SocketEffect.CloseSocket()).build());
    enqueue(new MockResponse.Builder().body(Fixtures.page(250, "1698425999")).build());

    BannedPage page = client(ApiVersion.V2).build().banned("100");

    assertThat(page.entries()).hasSize(250);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"truncated-json.json", "number-in-page.json", "object-in-page.json",
      "bad-cursor.json", "no-id.json", "empty-id.json", "trailing-content.json",
      "server-error.html", "unauthorized.json"})
  void anUnreadable200IsAProtocolErrorAndIsNotRetried(String fixture) {
    enqueue(200, fixture);
    enqueue(200, "page.json");
    ApibanClient client = client(ApiVersion.V2).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOfSatisfying(ApibanProtocolException.class, e -> {
          assertThat(e.isTemporary()).isFalse();
          assertThat(e.statusCode()).isEqualTo(200);
          assertThat(e).hasMessageContaining("HTTP 200");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theServersCursorIsNeverEchoedRaw() {
    enqueue(200, "bad-cursor.json");
    ApibanClient client = client(ApiVersion.V1).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOf(ApibanProtocolException.class)
        .hasMessageContaining("\"../../etc/passwd\" is not a cursor");
  }

  @Test
  void aBodyOverTheCapIsRefusedByItsContentLength() {
    enqueue(new MockResponse.Builder().body(Fixtures.page(250, "1698425999")).build());
    ApibanClient client = client(ApiVersion.V2).maxBodyBytes(1000).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOf(ApibanProtocolException.class)
        .hasMessageContaining("larger than the limit of 1000 bytes");
  }

  @Test
  void aChunkedBodyOverTheCapIsCutOffWhileReading() {
    enqueue(new MockResponse.Builder().chunkedBody(Fixtures.page(250, "1698425999"), 256).build());
    ApibanClient client = client(ApiVersion.V1).maxBodyBytes(1000).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOf(ApibanProtocolException.class)
        .hasMessageContaining("larger than the limit of 1000 bytes");
  }

  @Test
  void theDefaultCapIs256KiB() {
    String huge = "{\"ID\":\"1\",\"pad\":\"" + "x".repeat(256 * 1024) + "\"}";
    enqueue(new MockResponse.Builder().chunkedBody(huge, 4096).build());
    ApibanClient client = client(ApiVersion.V2).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOf(ApibanProtocolException.class)
        .hasMessageContaining("larger than the limit of 262144 bytes");
  }

  @Test
  void morePageEntriesThanTheLimitIsAProtocolError() {
    enqueue(new MockResponse.Builder().body(Fixtures.page(250, "1698425999")).build());
    ApibanClient client = client(ApiVersion.V2).maxPageEntries(100).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOf(ApibanProtocolException.class)
        .hasMessageContaining("more than 100 entries");
  }

  @Test
  void theDefaultEntryLimitIs1000() {
    enqueue(new MockResponse.Builder().body(Fixtures.page(1001, "1698425999")).build());
    ApibanClient client = client(ApiVersion.V2).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOf(ApibanProtocolException.class)
        .hasMessageContaining("more than 1000 entries");
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 301, 302, 404, 418})
  void anUnexpectedStatusIsAProtocolError(int code) {
    enqueue(new MockResponse.Builder(Fixtures.reply(code, "page.json"))
        .setHeader("Location", "https://elsewhere.example/").build());
    ApibanClient client = client(ApiVersion.V1).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOfSatisfying(ApibanProtocolException.class,
            e -> assertThat(e.statusCode()).isEqualTo(code))
        .hasMessageContaining("HTTP " + code + ": unexpected status");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void a400ThatIsNotNoNewBansIsAProtocolError() {
    enqueue(400, "check-not-blocked.json");
    ApibanClient client = client(ApiVersion.V2).build();

    assertThatThrownBy(() -> client.banned("100")).isInstanceOf(ApibanProtocolException.class);
  }

  @Test
  void anInterruptWhileWaitingForThePacerThrowsInterruptedIo() {
    RequestPacer pacer = RequestPacer.create(1, Duration.ofMinutes(2), time, time);
    ApibanClient client = client(ApiVersion.V2).pacer(pacer).build();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> client.banned("100"))
          .isInstanceOf(InterruptedIOException.class)
          .hasMessageContaining("interrupted while waiting for the rate limit");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(server.getRequestCount()).isZero();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void anInterruptDuringBackoffThrowsInterruptedIoAndKeepsTheFlag() {
    enqueue(status(503));
    ApibanClient client = client(ApiVersion.V2)
        .sleeper(d -> {
          throw new InterruptedException();
        })
        .build();
    try {
      assertThatThrownBy(() -> client.banned("100"))
          .isInstanceOf(InterruptedIOException.class)
          .hasMessageContaining("interrupted while waiting to retry");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(server.getRequestCount()).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void everyRequestIsPacedRetriesIncluded() throws Exception {
    RequestPacer pacer = RequestPacer.create(2, Duration.ofMinutes(2), time, time);
    enqueue(status(503));
    enqueue(200, "page.json");
    enqueue(200, "page.json");
    ApibanClient client = client(ApiVersion.V2)
        .pacer(pacer)
        .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(1))
        .build();

    client.banned("100"); // two requests: the 503 and its retry
    client.banned("1698425647"); // the third request must wait for a permit

    assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(time.slept()).isLessThan(Duration.ofMinutes(1).plusMillis(10));
  }
}
