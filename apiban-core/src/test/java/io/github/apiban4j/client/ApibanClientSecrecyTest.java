package io.github.apiban4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.apiban4j.internal.http.Redactor;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key never shows: not in an exception message or cause, not in a log line, not in
 * {@code toString()}, for v1 (key in the URL) and v2 (key in a header) alike.
 */
class ApibanClientSecrecyTest extends ClientTestSupport {
  private final Logger julLogger = Logger.getLogger(ApibanClient.class.getName());
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logLines.add(String.valueOf(record.getMessage()));
      if (record.getThrown() != null) {
        logLines.addAll(texts(record.getThrown()));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level previousLevel;

  @BeforeEach
  void captureLogs() {
    previousLevel = julLogger.getLevel();
    julLogger.setLevel(Level.ALL);
    julLogger.addHandler(capture);
  }

  @AfterEach
  void releaseLogs() {
    julLogger.removeHandler(capture);
    julLogger.setLevel(previousLevel);
  }

  private Throwable failureOf(ApibanClient client) {
    Throwable failure = catchThrowable(() -> client.banned("100"));
    assertThat(failure).as("the call failed").isNotNull();
    return failure;
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void noErrorReplyShowsTheKey(ApiVersion version) throws Exception {
    ApibanClient client = client(version).maxAttempts(2).build();
    enqueue(403, "unauthorized.json");
    enqueue(429, "rate-limit.json");
    enqueue(Fixtures.reply(503, "server-error.html"));
    enqueue(Fixtures.reply(503, "server-error.html"));
    enqueue(200, "truncated-json.json");
    enqueue(new MockResponse.Builder().body(Fixtures.page(250, "1"))
        .onResponseBody(new SocketEffect.CloseSocket()).build());
    enqueue(new MockResponse.Builder().body(Fixtures.page(250, "1"))
        .onResponseBody(new SocketEffect.CloseSocket()).build());

    List<Throwable> failures = List.of(failureOf(client), failureOf(client), failureOf(client),
        failureOf(client), failureOf(client));

    assertThat(failures).extracting(Object::getClass).containsExactly(
        ApibanUnauthorizedException.class, ApibanRateLimitException.class,
        ApibanServerException.class, ApibanProtocolException.class,
        ApibanTransportException.class);
    failures.forEach(ClientTestSupport::assertKeyNotShown);
    assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(SECRET));
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void aRefusedConnectionAndATimeoutDoNotShowTheKey(ApiVersion version) throws Exception {
    MockWebServer closed = new MockWebServer();
    closed.start();
    String deadUrl = closed.url("/api/").toString();
    closed.close();
    enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    Throwable refused = failureOf(client(version).baseUrl(deadUrl).build());
    Throwable timeout = failureOf(
        client(version).maxAttempts(1).readTimeout(Duration.ofMillis(200)).build());

    assertThat(refused).isInstanceOf(ApibanTransportException.class);
    assertThat(timeout).isInstanceOf(ApibanTransportException.class);
    assertKeyNotShown(refused);
    assertKeyNotShown(timeout);
    assertThat(logLines).noneMatch(line -> line.contains(SECRET));
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void aFailureWhoseMessageQuotesTheRequestIsScrubbedCausesIncluded(ApiVersion version) {
    // What a library does when it fails: it quotes the URL, a header, the request.
    ApibanClient client = client(version)
        .testInterceptor(chain -> {
          IOException e = new IOException("cannot reach " + chain.request().url()
              + " with " + chain.request().header("Authorization"),
              new SocketException("reset while sending " + chain.request()));
          e.addSuppressed(new IllegalStateException("url: " + chain.request().url()));
          throw e;
        })
        .build();

    Throwable failure = failureOf(client);

    assertThat(failure).isInstanceOf(ApibanTransportException.class);
    assertKeyNotShown(failure);
    assertThat(texts(failure)).anyMatch(text -> text.contains(Redactor.MASK));
    // The scrubbed cause still says what failed, and where in the code.
    assertThat(failure.getCause()).hasMessageStartingWith("cannot reach ");
    assertThat(failure.getCause().getStackTrace()).isNotEmpty();
    assertThat(failure.getCause().getCause()).hasMessageContaining("reset while sending");
    assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(SECRET));
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void toStringAndFeedIdShowOnlyTheFingerprint(ApiVersion version) {
    ApibanClient client = client(version).build();

    assertThat(client.toString()).doesNotContain(SECRET).contains(KEY.fingerprint());
    assertThat(client.feedId()).doesNotContain(SECRET);
    assertThat(KEY.toString()).doesNotContain(SECRET);
    assertThat(client.pacer().toString()).doesNotContain(SECRET);
  }
}
