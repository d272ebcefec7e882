package io.github.apiban4j.internal.http;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/** Routes HTTPS requests through the proxy of the environment, except the hosts of no_proxy. */
public final class EnvProxySelector extends ProxySelector {
  private final EnvProxy config;

  public EnvProxySelector(EnvProxy config) {
    this.config = config;
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost();
    boolean https = "https".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT));
    if (!https || host == null || config.noProxy().matches(host)) {
      return List.of(Proxy.NO_PROXY);
    }
    return List.of(config.proxy());
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {
    // One proxy and no alternative: OkHttp reports the failure to the caller.
  }

  /**
   * Answers the proxy's {@code 407} with the credentials from the proxy URL, once; {@code null} if
   * the URL held none. OkHttp also asks it before opening a tunnel, so the first CONNECT carries
   * them.
   */
  public Authenticator authenticator() {
    String authorization = config.proxyAuthorization();
    if (authorization == null) {
      return null;
    }
    return new Authenticator() {
      @Override
      public Request authenticate(Route route, Response response) {
        if (route == null || !config.proxy().equals(route.proxy())
            || response.request().header("Proxy-Authorization") != null) {
          return null; // not our proxy, or our credentials were refused: give up
        }
        return response.request().newBuilder()
            .header("Proxy-Authorization", authorization)
            .build();
      }
    };
  }

  @Override
  public String toString() {
    return "EnvProxySelector[" + config + "]";
  }
}
