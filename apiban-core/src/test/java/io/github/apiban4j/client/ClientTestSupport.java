package io.github.apiban4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fake APIBAN on loopback and clients for it that never really wait: pacing and backoff run on
 * {@link FakeTime}, jitter on a seeded random.
 */
abstract class ClientTestSupport {
  /** Distinctive, so that any leak into a message or log line is found by a plain search. */
  static final String SECRET = "SECRETkey0123456789abcdef";

  static final ApiKey KEY = ApiKey.of(SECRET);

  MockWebServer server;
  FakeTime time;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
    time = new FakeTime();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  String baseUrl() {
    return server.url("/api/").toString();
  }

  /** A client of the fake server: no rate limit, 3 attempts, small timeouts, fake time. */
  ApibanClient.Builder client(ApiVersion version) {
    return ApibanClient.builder()
        .apiKey(KEY)
        .apiVersion(version)
        .baseUrl(baseUrl())
        .rateLimit(0, Duration.ofMinutes(2))
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(10))
        .clock(time)
        .sleeper(time)
        .random(new Random(42))
        // No proxy from the machine that runs the tests.
        .environment(Map.of())
        .systemProperty(name -> null);
  }

  void enqueue(int code, String fixture) {
    server.enqueue(Fixtures.reply(code, fixture));
  }

  void enqueue(MockResponse response) {
    server.enqueue(response);
  }

  RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the fake server").isNotNull();
    return request;
  }

  /** Every message, string form and cause of {@code failure}'s chain, for leak checks. */
  static List<String> texts(Throwable failure) {
    List<String> texts = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
      for (Throwable s : t.getSuppressed()) {
        texts.addAll(texts(s));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return texts;
  }

  static void assertKeyNotShown(Throwable failure) {
    assertThat(texts(failure)).noneMatch(text -> text.contains(SECRET));
  }
}
