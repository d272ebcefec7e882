package io.github.apiban4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The proxy of the environment, read the way curl and Go read it. */
class EnvProxyTest {

  private static Optional<EnvProxy> from(Map<String, String> env) {
    return EnvProxy.from(env, name -> null);
  }

  private static Proxy http(String host, int port) {
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
  }

  @Test
  void nothingSetMeansNoProxy() {
    assertThat(from(Map.of())).isEmpty();
    assertThat(from(Map.of("https_proxy", " "))).isEmpty();
    assertThat(from(Map.of("http_proxy", "http://proxy.example:3128"))).isEmpty();
  }

  @Test
  void lowerCaseWinsAndTheSchemeDefaultsToHttp() {
    EnvProxy proxy = from(Map.of(
        "https_proxy", "proxy.example:3128",
        "HTTPS_PROXY", "http://other.example:8080")).orElseThrow();

    assertThat(proxy.proxy()).isEqualTo(http("proxy.example", 3128));
    assertThat(proxy.proxyAuthorization()).isNull();
  }

  @Test
  void upperCaseIsReadToo() {
    assertThat(from(Map.of("HTTPS_PROXY", "http://proxy.example")).orElseThrow().proxy())
        .isEqualTo(http("proxy.example", 80));
  }

  @Test
  void socks5IsSupported() {
    assertThat(from(Map.of("https_proxy", "socks5://[2001:db8::7]")).orElseThrow().proxy())
        .isEqualTo(new Proxy(Proxy.Type.SOCKS,
            InetSocketAddress.createUnresolved("2001:db8::7", 1080)));
  }

  @Test
  void credentialsBecomeABasicHeaderAndNeverShow() {
    EnvProxy proxy = from(Map.of("https_proxy", "http://me:p%40ss@proxy.example:3128"))
        .orElseThrow();

    assertThat(proxy.proxyAuthorization()).isEqualTo("Basic bWU6cEBzcw==");
    assertThat(proxy.toString()).doesNotContain("p@ss").doesNotContain("bWU6cEBzcw==")
        .contains("with credentials");
  }

  @Test
  void javasPropertyWins() {
    assertThat(EnvProxy.from(Map.of("https_proxy", "http://proxy.example:3128"),
        name -> name.equals("https.proxyHost") ? "corp.example" : null)).isEmpty();
  }

  @Test
  void unusableValuesFailWithoutShowingThem() {
    assertThatThrownBy(() -> from(Map.of("https_proxy", "http://me:hunter2@")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> from(Map.of("HTTPS_PROXY", "http://me:hun ter2@proxy")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the HTTPS_PROXY environment variable is not a valid proxy URL (its value is"
            + " not shown: it may hold a password)");
    assertThatThrownBy(() -> from(Map.of("https_proxy", "socks5://me:hunter2@proxy")))
        .hasMessageNotContaining("hunter2")
        .hasMessageContaining("SOCKS");
  }

  @Test
  void theSelectorRoutesHttpsThroughTheProxyExceptNoProxyAndLoopback() {
    EnvProxy config = from(Map.of(
        "https_proxy", "http://proxy.example:3128",
        "no_proxy", "internal.example, .corp.example,*.lab.example,192.0.2.0/24,"
            + "[2001:db8::1]:8443,mirror.example:8443"))
        .orElseThrow();
    EnvProxySelector selector = new EnvProxySelector(config);
    Proxy proxy = http("proxy.example", 3128);

    assertThat(selector.select(URI.create("https://apiban.org/api/get"))).containsExactly(proxy);
    assertThat(selector.select(URI.create("https://notinternal.example/"))).containsExactly(proxy);
    assertThat(selector.select(URI.create("https://198.51.100.1/"))).containsExactly(proxy);
    assertThat(selector.select(URI.create("https://[2001:db8::1:8443]/"))).containsExactly(proxy);
    for (String direct : new String[] {"https://internal.example/", "https://a.internal.example/",
        "https://corp.example/", "https://x.lab.example/", "https://192.0.2.77/",
        "https://[2001:db8::1]/", "https://mirror.example/", "https://localhost/",
        "https://127.0.0.1/", "http://apiban.org/"}) {
      assertThat(selector.select(URI.create(direct))).as(direct).containsExactly(Proxy.NO_PROXY);
    }
  }

  @Test
  void aStarInNoProxyMeansDirectForAll() {
    NoProxy all = NoProxy.parse("*");

    assertThat(all.matches("apiban.org")).isTrue();
    assertThat(all).hasToString("[*]");
    assertThat(NoProxy.parse(null).matches("apiban.org")).isFalse();
  }
}
