package io.github.apiban4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TLS is always verified: a self-signed server is refused unless its certificate is given as a
 * trust anchor. Also: the HTTPS proxy of the environment, with its credentials, through a tunnel.
 */
class ApibanClientTlsTest extends ClientTestSupport {
  private HeldCertificate certificate;

  @BeforeEach
  void useSelfSignedTls() {
    certificate = new HeldCertificate.Builder()
        .commonName("apiban mirror")
        .addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName("apiban.test")
        .build();
    HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
        .heldCertificate(certificate)
        .build();
    server.useHttps(serverCertificates.sslSocketFactory());
  }

  private KeyStore trustStoreWithTheCertificate() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("mirror", certificate.certificate());
    return store;
  }

  private String httpsBaseUrl() {
    return "https://localhost:" + server.getPort() + "/api/";
  }

  @Test
  void aSelfSignedServerIsRefusedByDefaultAndNotRetried() {
    enqueue(200, "page.json");
    ApibanClient client = client(ApiVersion.V2).baseUrl(httpsBaseUrl()).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOfSatisfying(ApibanTransportException.class,
            e -> assertThat(e.isTimeout()).isFalse())
        .hasMessageContaining("failed after 1 attempt");
    assertThat(server.getRequestCount()).isZero();
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void anUntrustedServerIsNotATemporaryFailure() {
    enqueue(200, "page.json");
    ApibanClient client = client(ApiVersion.V2).baseUrl(httpsBaseUrl()).build();

    assertThatThrownBy(() -> client.banned("100"))
        .isInstanceOfSatisfying(ApibanTransportException.class, e -> {
          assertThat(e.isUntrustedServer()).isTrue();
          assertThat(e.isTemporary()).isFalse();
        })
        .hasMessageContaining("certificate is not trusted");
  }

  @Test
  void anApplicationsPermissiveClientCannotSwitchOffVerification() {
    enqueue(200, "page.json");
    HandshakeCertificates trustingEverything = new HandshakeCertificates.Builder()
        .addTrustedCertificate(certificate.certificate())
        .build();
    OkHttpClient permissive = new OkHttpClient.Builder()
        .sslSocketFactory(trustingEverything.sslSocketFactory(), trustingEverything.trustManager())
        .hostnameVerifier((host, session) -> true)
        .build();
    ApibanClient client = client(ApiVersion.V2)
        .okHttpClient(permissive)
        .baseUrl("https://127.0.0.1:" + server.getPort() + "/api/")
        .build();

    assertThatThrownBy(() -> client.banned("100")).isInstanceOf(ApibanTransportException.class);
    assertThat(server.getRequestCount()).as("the key never went out").isZero();
  }

  @Test
  void anApplicationsPermissiveHostNameVerifierIsNotUsed() throws Exception {
    enqueue(200, "page.json");
    HandshakeCertificates trusting = new HandshakeCertificates.Builder()
        .addTrustedCertificate(certificate.certificate())
        .build();
    OkHttpClient acceptsAnyHost = new OkHttpClient.Builder()
        .sslSocketFactory(trusting.sslSocketFactory(), trusting.trustManager())
        .hostnameVerifier((host, session) -> true)
        .build();
    ApibanClient client = client(ApiVersion.V2)
        .okHttpClient(acceptsAnyHost)
        .trustStore(trustStoreWithTheCertificate()) // trusted, but issued for another name
        .baseUrl("https://127.0.0.1:" + server.getPort() + "/api/")
        .build();

    assertThatThrownBy(() -> client.banned("100")).isInstanceOf(ApibanTransportException.class)
        .hasMessageContaining("certificate is not trusted");
    assertThat(server.getRequestCount()).as("the key never went out").isZero();
  }

  @Test
  void aSelfSignedServerIsAcceptedWithItsCertificateInTheTrustStore() throws Exception {
    enqueue(200, "page.json");
    ApibanClient client = client(ApiVersion.V2)
        .baseUrl(httpsBaseUrl())
        .trustStore(trustStoreWithTheCertificate())
        .build();

    BannedPage page = client.banned("100");

    assertThat(page.entries()).hasSize(4);
    assertThat(takeRequest().getHandshake()).isNotNull();
  }

  @Test
  void theTrustStoreDoesNotSwitchOffHostNameVerification() throws Exception {
    enqueue(200, "page.json");
    ApibanClient client = client(ApiVersion.V2)
        .baseUrl("https://127.0.0.1:" + server.getPort() + "/api/") // not in the certificate
        .trustStore(trustStoreWithTheCertificate())
        .build();

    assertThatThrownBy(() -> client.banned("100")).isInstanceOf(ApibanTransportException.class);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void theEnvironmentsHttpsProxyIsUsedWithItsCredentials() throws Exception {
    // The fake server plays the proxy: it accepts the CONNECT, then serves TLS for apiban.test.
    enqueue(new MockResponse.Builder().inTunnel().build());
    enqueue(200, "page.json");
    ApibanClient client = client(ApiVersion.V2)
        .baseUrl("https://apiban.test/api/")
        .trustStore(trustStoreWithTheCertificate())
        .environment(Map.of(
            "https_proxy", "http://proxyuser:p%40ss@localhost:" + server.getPort(),
            "no_proxy", "internal.example,192.0.2.0/24"))
        .systemProperty(name -> null)
        .build();

    BannedPage page = client.banned("100");

    assertThat(page.entries()).hasSize(4);
    RecordedRequest connect = takeRequest();
    assertThat(connect.getMethod()).isEqualTo("CONNECT");
    assertThat(connect.getTarget()).isEqualTo("apiban.test:443");
    assertThat(connect.getHeaders().get("Proxy-Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("proxyuser:p@ss".getBytes(StandardCharsets.UTF_8)));
    RecordedRequest get = takeRequest();
    assertThat(get.getTarget()).isEqualTo("/api/get");
    assertThat(get.getHeaders().get("Proxy-Authorization")).isNull();
  }

  @Test
  void javasOwnProxyPropertyWinsOverTheEnvironment() {
    ApibanClient client = client(ApiVersion.V2)
        .baseUrl("https://apiban.test/api/")
        .environment(Map.of("HTTPS_PROXY", "http://localhost:" + server.getPort()))
        .systemProperty(name -> name.equals("https.proxyHost") ? "proxy.example" : null)
        .build();

    assertThat(client.httpClient().proxySelector())
        .isSameAs(java.net.ProxySelector.getDefault());
  }

  @Test
  void anUnusableProxyVariableFailsTheBuildWithoutShowingIt() {
    assertThatThrownBy(() -> client(ApiVersion.V2)
        .environment(Map.of("https_proxy", "https://user:hunter2@proxy.example:3128"))
        .systemProperty(name -> null)
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the https_proxy environment variable names a proxy with scheme 'https';"
            + " only http:// and socks5:// proxies are supported")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }
}
