package io.github.apiban4j.internal.http;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import okhttp3.Credentials;

/**
 * The HTTPS proxy named by the environment, the way curl and Go programs (APIBAN's own clients
 * among them) read it: {@code https_proxy} or {@code HTTPS_PROXY}, with {@code no_proxy} or
 * {@code NO_PROXY} for the exceptions. Java's own {@code https.proxyHost} property, when set, wins
 * and this class stays out of the way.
 *
 * @param proxy the proxy to connect through
 * @param proxyAuthorization the {@code Proxy-Authorization} value for credentials in the URL, or
 *     {@code null}
 * @param noProxy the hosts to reach directly
 */
public record EnvProxy(Proxy proxy, String proxyAuthorization, NoProxy noProxy) {

  /**
   * The proxy for HTTPS requests, if the environment names one and Java's system properties do not.
   *
   * @param environment the process environment ({@link System#getenv()})
   * @param systemProperty reads a system property ({@link System#getProperty(String)})
   * @throws IllegalArgumentException if the variable is set but is not a usable proxy URL; the
   *     message never shows the URL, which may hold a password
   */
  public static Optional<EnvProxy> from(
      Map<String, String> environment, UnaryOperator<String> systemProperty) {
    String javaProxy = systemProperty.apply("https.proxyHost");
    if (javaProxy != null && !javaProxy.isBlank()) {
      return Optional.empty();
    }
    String name = "https_proxy";
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      name = "HTTPS_PROXY";
      value = environment.get(name);
    }
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String noProxy = environment.get("no_proxy");
    if (noProxy == null || noProxy.isBlank()) {
      noProxy = environment.get("NO_PROXY");
    }
    return Optional.of(parse(name, value.strip(), NoProxy.parse(noProxy)));
  }

  private static EnvProxy parse(String variable, String value, NoProxy noProxy) {
    String text = value.contains("://") ? value : "http://" + value;
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the " + variable + " environment variable is not a valid"
          + " proxy URL (its value is not shown: it may hold a password)");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("the " + variable + " environment variable names no proxy"
          + " host (its value is not shown: it may hold a password)");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    Proxy.Type type;
    int defaultPort;
    switch (scheme) {
      case "http":
        type = Proxy.Type.HTTP;
        defaultPort = 80;
        break;
      case "socks5":
      case "socks5h":
      case "socks":
        type = Proxy.Type.SOCKS;
        defaultPort = 1080;
        break;
      default:
        throw new IllegalArgumentException("the " + variable + " environment variable names a proxy"
            + " with scheme '" + scheme + "'; only http:// and socks5:// proxies are supported");
    }
    int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
    String authorization = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      if (type != Proxy.Type.HTTP) {
        throw new IllegalArgumentException("the " + variable + " environment variable holds"
            + " credentials for a SOCKS proxy, which is not supported; use an http:// proxy");
      }
      int colon = userInfo.indexOf(':');
      String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
      authorization = Credentials.basic(user, password, StandardCharsets.UTF_8);
    }
    return new EnvProxy(
        new Proxy(type, InetSocketAddress.createUnresolved(host, port)), authorization, noProxy);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    // The authorization holds the proxy password: keep it out of every log line.
    return "EnvProxy[" + proxy + (proxyAuthorization == null ? "" : ", with credentials")
        + ", no_proxy " + noProxy + "]";
  }
}
