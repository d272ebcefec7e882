package io.github.apiban4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults, eager validation with exact messages, and what derived clients share. */
class ApibanClientBuilderTest {
  private static final ApiKey KEY = ApiKey.of("builderTestKey42");

  private static ApibanClient.Builder builder() {
    // No proxy variables from the machine running the tests.
    return ApibanClient.builder().apiKey(KEY).environment(Map.of()).systemProperty(k -> null);
  }

  @Test
  void defaults() {
    ApibanClient client = builder().build();

    assertThat(client.apiVersion()).isEqualTo(ApiVersion.V2);
    assertThat(client.dataset()).isEqualTo(Dataset.SIP);
    assertThat(client.baseUrl()).isEqualTo("https://apiban.org/api/");
    assertThat(client.feedId()).isEqualTo("v2/sip@https://apiban.org/api/");
    assertThat(client.pacer().isUnlimited()).isFalse();
    assertThat(client.pacer()).hasToString("RequestPacer[11 requests per PT2M]");
    assertThat(client.httpClient().connectTimeoutMillis()).isEqualTo(10_000);
    assertThat(client.httpClient().readTimeoutMillis()).isEqualTo(30_000);
    assertThat(client.httpClient().callTimeoutMillis()).isEqualTo(60_000);
    assertThat(client.httpClient().followRedirects()).isFalse();
    assertThat(client.httpClient().cache()).isNull();
    assertThat(client).hasToString("ApibanClient[v2/sip@https://apiban.org/api/, key "
        + KEY.fingerprint() + ", RequestPacer[11 requests per PT2M]]");
  }

  @Test
  void theKeyIsRequired() {
    assertThatThrownBy(() -> ApibanClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("apiKey is required");
  }

  @Test
  void clientsOfOneKeyShareOnePacerByDefault() {
    ApibanClient a = builder().build();
    ApibanClient b = builder().apiVersion(ApiVersion.V1).build();
    ApibanClient other = ApibanClient.builder().apiKey(ApiKey.of("anotherKey")).build();

    assertThat(a.pacer()).isSameAs(b.pacer());
    assertThat(other.pacer()).isNotSameAs(a.pacer());
  }

  @Test
  void rateLimitZeroIsUnlimitedAndOtherwiseOwnPacer() {
    assertThat(builder().rateLimit(0, Duration.ZERO).build().pacer().isUnlimited()).isTrue();
    ApibanClient limited = builder().rateLimit(5, Duration.ofMinutes(2)).build();
    assertThat(limited.pacer()).hasToString("RequestPacer[5 requests per PT2M]");
    assertThat(limited.pacer()).isNotSameAs(builder().build().pacer());
  }

  @Test
  void newBuilderSharesThePoolAndThePacer() {
    ApibanClient first = builder().rateLimit(5, Duration.ofMinutes(1)).build();

    ApibanClient second = first.newBuilder().dataset(Dataset.ALL).build();

    assertThat(second.pacer()).isSameAs(first.pacer());
    assertThat(second.httpClient().connectionPool()).isSameAs(first.httpClient().connectionPool());
    assertThat(second.httpClient().dispatcher()).isSameAs(first.httpClient().dispatcher());
    assertThat(second.dataset()).isEqualTo(Dataset.ALL);
    assertThat(second.feedId()).isEqualTo("v2/all@https://apiban.org/api/");
  }

  @Test
  void newBuilderWithAnotherKeyGetsThatKeysSharedPacer() {
    ApibanClient first = builder().build();

    ApibanClient second = first.newBuilder().apiKey(ApiKey.of("secondKey")).build();

    assertThat(second.pacer()).isNotSameAs(first.pacer());
    assertThat(second.pacer()).isSameAs(RequestPacer.sharedFor(ApiKey.of("secondKey")));
  }

  @Test
  void anApplicationsClientLendsItsPoolButNotItsInterceptors() {
    OkHttpClient app = new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(chain.request()))
        .addNetworkInterceptor(chain -> chain.proceed(chain.request()))
        .build();

    OkHttpClient derived = builder().okHttpClient(app).build().httpClient();

    assertThat(derived.connectionPool()).isSameAs(app.connectionPool());
    assertThat(derived.dispatcher()).isSameAs(app.dispatcher());
    assertThat(derived.interceptors()).isEmpty();
    assertThat(derived.networkInterceptors()).isEmpty();
  }

  @Test
  void timeoutsAreApplied() {
    OkHttpClient http = builder()
        .connectTimeout(Duration.ofSeconds(1))
        .readTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(3))
        .build().httpClient();

    assertThat(http.connectTimeoutMillis()).isEqualTo(1000);
    assertThat(http.readTimeoutMillis()).isEqualTo(2000);
    assertThat(http.callTimeoutMillis()).isEqualTo(3000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://apiban.org/api/", "http://192.0.2.1/api/",
      "http://[2001:db8::1]/api/", "http://foo.localhost/api/", "http://localhost.example/"})
  void plainHttpIsRefusedUnlessLoopback(String url) {
    assertThatThrownBy(() -> builder().baseUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baseUrl must use https: plain http is allowed only to a loopback"
            + " host (localhost, 127.0.0.0/8, ::1), not to ");
  }

  @Test
  void theRefusalNamesTheHost() {
    assertThatThrownBy(() -> builder().baseUrl("http://apiban.org/api/"))
        .hasMessage("baseUrl must use https: plain http is allowed only to a loopback host"
            + " (localhost, 127.0.0.0/8, ::1), not to apiban.org");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/api/", "http://127.0.0.1/api/",
      "http://127.255.0.9:1/", "http://[::1]:8080/api/", "https://mirror.example/apiban/"})
  void loopbackHttpAndAnyHttpsAreAccepted(String url) {
    assertThat(builder().baseUrl(url).build().baseUrl()).isEqualTo(url);
  }

  @Test
  void otherBaseUrlMistakes() {
    assertThatThrownBy(() -> builder().baseUrl("apiban.org/api"))
        .hasMessage("baseUrl is not an http or https URL: \"apiban.org/api\"");
    assertThatThrownBy(() -> builder().baseUrl("ftp://apiban.org/"))
        .hasMessage("baseUrl is not an http or https URL: \"ftp://apiban.org/\"");
    assertThatThrownBy(() -> builder().baseUrl("https://user:pw@apiban.org/api/"))
        .hasMessage("baseUrl must not contain user info");
    assertThatThrownBy(() -> builder().baseUrl("https://apiban.org/api/?x=1"))
        .hasMessage("baseUrl must not have a query or a fragment");
  }

  @Test
  void v1ServesOnlySip() {
    assertThatThrownBy(() -> builder().apiVersion(ApiVersion.V1).dataset(Dataset.HTTP).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the v1 API serves only the sip dataset, not http; use ApiVersion.V2");
    assertThat(builder().apiVersion(ApiVersion.V1).build().feedId())
        .isEqualTo("v1/sip@https://apiban.org/api/");
  }

  @Test
  void numbersAreCheckedEagerly() {
    assertThatThrownBy(() -> builder().connectTimeout(Duration.ZERO))
        .hasMessage("connectTimeout must be positive");
    assertThatThrownBy(() -> builder().readTimeout(Duration.ofSeconds(-1)))
        .hasMessage("readTimeout must be positive");
    assertThatThrownBy(() -> builder().callTimeout(Duration.ofDays(30)))
        .hasMessage("callTimeout is too large");
    assertThatThrownBy(() -> builder().maxAttempts(0))
        .hasMessage("maxAttempts must be at least 1");
    assertThatThrownBy(() -> builder().retryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("retryBackoff initial must be positive");
    assertThatThrownBy(() -> builder().retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("retryBackoff max must not be less than initial");
    assertThatThrownBy(() -> builder().rateLimit(-1, Duration.ofMinutes(2)))
        .hasMessage("rateLimit requests must not be negative");
    assertThatThrownBy(() -> builder().rateLimit(11, Duration.ZERO))
        .hasMessage("rateLimit window must be positive");
    assertThatThrownBy(() -> builder().maxBodyBytes(0))
        .hasMessage("maxBodyBytes must be positive");
    assertThatThrownBy(() -> builder().maxPageEntries(0))
        .hasMessage("maxPageEntries must be at least 1");
    assertThatThrownBy(() -> builder().apiKey(null))
        .isInstanceOf(NullPointerException.class).hasMessage("apiKey");
  }

  @Test
  void anEmptyTrustStoreIsRefused() throws Exception {
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);

    assertThatThrownBy(() -> builder().trustStore(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trustStore holds no certificate");
  }

  @Test
  void datasetsParseIgnoringCase() {
    assertThat(Dataset.parse(" SIP ")).isEqualTo(Dataset.SIP);
    assertThat(Dataset.parse("Http")).isEqualTo(Dataset.HTTP);
    assertThat(Dataset.parse("all")).isEqualTo(Dataset.ALL);
    assertThat(Dataset.ALL.wireName()).isEqualTo("all");
    assertThatThrownBy(() -> Dataset.parse("voip\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown APIBAN dataset \"voip\\u000a\"; expected sip, http or all");
  }
}
