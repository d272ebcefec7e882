package io.github.apiban4j.client;

import io.github.apiban4j.address.AddressFormatException;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.http.ApibanReply;
import io.github.apiban4j.internal.http.Backoff;
import io.github.apiban4j.internal.http.Cursors;
import io.github.apiban4j.internal.http.EnvProxy;
import io.github.apiban4j.internal.http.EnvProxySelector;
import io.github.apiban4j.internal.http.Hosts;
import io.github.apiban4j.internal.http.Sleeper;
import io.github.apiban4j.internal.http.TrustAnchors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import okhttp3.Authenticator;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * A client of the APIBAN REST API (apiban.org): reads the banned list page by page and checks
 * single addresses, for API version 1 or 2.
 *
 * <pre>{@code
 * ApibanClient client = ApibanClient.builder()
 *     .apiKey(ApiKey.fromFile(Path.of("/etc/apiban/key")))
 *     .build();
 * String cursor = ApibanClient.START_CURSOR;
 * BannedPage page;
 * do {
 *   page = client.banned(cursor);
 *   apply(page.entries());
 *   cursor = page.nextCursor().orElse(cursor);
 * } while (!page.isEnd());
 * }</pre>
 *
 * <h2>ApibanClients should be shared</h2>
 * A client is immutable and thread-safe. Create one and use it from every thread: it holds an
 * OkHttp connection pool, and by default all clients of a process that use the same key share one
 * {@link RequestPacer}, so the key's rate limit (11 requests in 2 minutes) is respected across
 * them. {@link #newBuilder()} derives a client with other settings that shares the pool and the
 * pacer. Nothing needs to be closed.
 *
 * <h2>What a call does</h2>
 * Each request first takes a permit from the pacer, which may block. A 5xx reply, a timeout or a
 * connection failure is retried up to {@link Builder#maxAttempts} attempts in all, with exponential
 * backoff and full jitter; every retry takes a permit too. A 429 is not retried: it holds the pacer
 * and throws {@link ApibanRateLimitException}. If the thread is interrupted while waiting, the call
 * throws {@link java.io.InterruptedIOException} with the interrupt flag set.
 *
 * <h2>Errors</h2>
 * Every failure is an {@link ApibanException}; its subclass says why, and
 * {@link ApibanException#isTemporary()} whether a later try can help. A reply is read whole and
 * validated before anything of it is returned: a truncated, oversized or malformed body fails the
 * call, and no partial page is ever returned. Entries that are not IP address literals (hostnames,
 * shell text, out-of-range numbers) are skipped into {@link BannedPage#rejected()}.
 *
 * <h2>The key stays secret</h2>
 * {@link #toString()}, {@link #feedId()} and every exception message and cause show the key only by
 * its fingerprint. The v1 API carries the key in the URL path; no URL ever reaches a message or a
 * log line. Plain {@code http} is refused unless the server is on the loopback interface, and TLS
 * certificates are always verified.
 */
public final class ApibanClient {
  /** The cursor of the start of the feed: a full pull begins here. */
  public static final String START_CURSOR = "100";

  static final String DEFAULT_BASE_URL = "https://apiban.org/api/";

  private final Builder settings;
  private final HttpUrl baseUrl;
  private final OkHttpClient httpClient;
  private final RequestPacer pacer;
  private final Requests requests;
  private final Calls calls;

  private ApibanClient(Builder builder, RequestPacer pacer, OkHttpClient httpClient) {
    this.settings = new Builder(builder);
    this.baseUrl = builder.baseUrl;
    this.pacer = pacer;
    this.httpClient = httpClient;
    this.requests = new Requests(builder.apiKey, baseUrl, builder.apiVersion, builder.dataset);
    String label = "APIBAN " + builder.apiVersion.wireName() + " {op} (" + hostLabel(baseUrl) + ")";
    this.calls = new Calls(httpClient, pacer, builder.maxAttempts,
        new Backoff(builder.backoffInitial, builder.backoffMax), builder.clock, builder.sleeper,
        builder.random, builder.maxBodyBytes, builder.maxPageEntries, builder.apiKey, label);
  }

  /** A builder with the defaults; only {@link Builder#apiKey} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder with this client's settings. The clients it builds share this client's connection
   * pool and its pacer (unless given another one).
   */
  public Builder newBuilder() {
    Builder builder = new Builder(settings);
    builder.okHttpClient = httpClient;
    if (builder.pacer != null || builder.rateLimitRequests >= 0) {
      builder.pacer = pacer;
      builder.rateLimitRequests = -1;
    }
    return builder;
  }

  /**
   * The page of banned addresses that follows {@code cursor}. Start with {@link #START_CURSOR};
   * then pass each page's {@link BannedPage#nextCursor()} until a page {@link BannedPage#isEnd()}.
   * The end of the feed (APIBAN's HTTP 400 "no new bans") is a normal, empty, last page.
   *
   * @param cursor 1 to 20 decimal digits
   * @throws IllegalArgumentException if {@code cursor} is not 1 to 20 decimal digits
   * @throws ApibanException if the call fails; see the subclasses
   * @throws java.io.InterruptedIOException if interrupted while pacing or backing off
   */
  public BannedPage banned(String cursor) throws IOException {
    Objects.requireNonNull(cursor, "cursor");
    if (!Cursors.isCursor(cursor)) {
      throw new IllegalArgumentException("cursor must be 1 to 20 decimal digits, not "
          + AddressFormatException.quote(cursor));
    }
    String operation = settings.apiVersion == ApiVersion.V1 ? "banned" : "get";
    return calls.execute(operation, requests.banned(cursor), ApibanClient::readPage);
  }

  private static BannedPage readPage(int code, Calls.Reply reply) throws IOException {
    if (code == 200) {
      ApibanReply body = reply.read();
      String id = body.id();
      if (id == null || id.isEmpty()) {
        throw reply.protocol("the page has no ID (cursor)", null);
      }
      if (id.equalsIgnoreCase(Cursors.END)) {
        return new BannedPage(body.entries(), body.rejected(), Optional.empty());
      }
      if (!Cursors.isCursor(id)) {
        throw reply.protocol("the page's ID " + AddressFormatException.quote(id)
            + " is not a cursor (1 to 20 digits)", null);
      }
      return new BannedPage(body.entries(), body.rejected(), Optional.of(id));
    }
    if (code == 400) {
      // APIBAN's "nothing newer than your cursor": the end of the feed, not an error.
      ApibanReply body = reply.read();
      if (Cursors.END.equalsIgnoreCase(body.id()) && body.hasMessage(ApibanReply.NO_NEW_BANS)) {
        return new BannedPage(java.util.List.of(), java.util.List.of(), Optional.empty());
      }
    }
    throw reply.unexpectedStatus();
  }

  /**
   * Whether APIBAN lists {@code address} as banned now. The address is sent in canonical form
   * (an IPv4-mapped IPv6 address as IPv4) and never looked up.
   *
   * @return {@code true} if banned, {@code false} if APIBAN answers "not blocked"
   * @throws ApibanUnauthorizedException if the key is refused: never reported as "not banned"
   * @throws ApibanException if the call fails otherwise; see the subclasses
   * @throws java.io.InterruptedIOException if interrupted while pacing or backing off
   */
  public boolean check(InetAddress address) throws IOException {
    Objects.requireNonNull(address, "address");
    IpPrefix target = IpPrefix.of(address);
    return calls.execute("check", requests.check(target.toString()),
        (code, reply) -> readCheck(code, reply, target));
  }

  private static boolean readCheck(int code, Calls.Reply reply, IpPrefix target)
      throws IOException {
    boolean success = code >= 200 && code <= 299;
    if (!success && (code < 400 || code > 499)) {
      throw reply.unexpectedStatus();
    }
    ApibanReply body = reply.read();
    if (success) {
      for (IpPrefix entry : body.entries()) {
        if (entry.contains(target)) {
          return true;
        }
      }
    }
    if (body.hasMessage(ApibanReply.NOT_BLOCKED)) {
      return false;
    }
    throw success ? reply.protocol("the reply names neither the address nor \"not blocked\"", null)
        : reply.unexpectedStatus();
  }

  public ApiVersion apiVersion() {
    return settings.apiVersion;
  }

  public Dataset dataset() {
    return settings.dataset;
  }

  /** The base URL, ending in {@code /}: {@code https://apiban.org/api/} by default. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /** The HTTP client this client derived (tests). */
  OkHttpClient httpClient() {
    return httpClient;
  }

  /** The pacer this client takes a permit from before each request. */
  public RequestPacer pacer() {
    return pacer;
  }

  /**
   * Names the feed that a cursor belongs to, e.g. {@code v2/sip@https://apiban.org/api/}: a
   * cursor is only valid with the same API version, dataset and server. Store it with the cursor
   * and start over when it changes. It never contains the key.
   */
  public String feedId() {
    return settings.apiVersion.wireName() + "/" + settings.dataset.wireName() + "@" + baseUrl;
  }

  /** Shows the settings and the key's fingerprint, never the key. */
  @Override
  public String toString() {
    return "ApibanClient[" + feedId() + ", key " + settings.apiKey.fingerprint() + ", " + pacer
        + "]";
  }

  private static String hostLabel(HttpUrl url) {
    String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  /**
   * Configures an {@link ApibanClient}. Every setter checks its argument at once and throws
   * {@link IllegalArgumentException} (or {@link NullPointerException} for {@code null}) with a
   * message that says what is wrong. Not thread-safe; {@link #build()} may be called repeatedly.
   */
  public static final class Builder {
    private static final long MAX_TIMEOUT_MILLIS = Integer.MAX_VALUE;

    private ApiKey apiKey;
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private ApiVersion apiVersion = ApiVersion.V2;
    private Dataset dataset = Dataset.SIP;
    private OkHttpClient okHttpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private int maxAttempts = 3;
    private Duration backoffInitial = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofSeconds(30);
    private RequestPacer pacer;
    private int rateLimitRequests = -1;
    private Duration rateLimitWindow;
    private TrustAnchors trustAnchors;
    private long maxBodyBytes = 256 * 1024;
    private int maxPageEntries = 1000;

    // Seams for tests: time, waiting, jitter, the environment, and a look at the requests.
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private RandomGenerator random;
    private Map<String, String> environment;
    private UnaryOperator<String> systemProperty = System::getProperty;
    private Interceptor testInterceptor;

    Builder() {}

    Builder(Builder other) {
      apiKey = other.apiKey;
      baseUrl = other.baseUrl;
      apiVersion = other.apiVersion;
      dataset = other.dataset;
      okHttpClient = other.okHttpClient;
      connectTimeout = other.connectTimeout;
      readTimeout = other.readTimeout;
      callTimeout = other.callTimeout;
      maxAttempts = other.maxAttempts;
      backoffInitial = other.backoffInitial;
      backoffMax = other.backoffMax;
      pacer = other.pacer;
      rateLimitRequests = other.rateLimitRequests;
      rateLimitWindow = other.rateLimitWindow;
      trustAnchors = other.trustAnchors;
      maxBodyBytes = other.maxBodyBytes;
      maxPageEntries = other.maxPageEntries;
      clock = other.clock;
      sleeper = other.sleeper;
      random = other.random;
      environment = other.environment;
      systemProperty = other.systemProperty;
      testInterceptor = other.testInterceptor;
    }

    /** The APIBAN key. Required. */
    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * The API's base URL; {@code https://apiban.org/api/} by default. A missing final {@code /} is
     * added. It must use https, except to a loopback host ({@code localhost}, {@code 127.0.0.0/8},
     * {@code ::1}) for a local mirror or a test server, and it may not hold user info, a query or
     * a fragment.
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      HttpUrl url = HttpUrl.parse(baseUrl.strip());
      if (url == null) {
        throw new IllegalArgumentException(
            "baseUrl is not an http or https URL: " + AddressFormatException.quote(baseUrl));
      }
      if (!url.username().isEmpty() || !url.password().isEmpty()) {
        throw new IllegalArgumentException("baseUrl must not contain user info");
      }
      if (url.query() != null || url.fragment() != null) {
        throw new IllegalArgumentException("baseUrl must not have a query or a fragment");
      }
      if (!url.isHttps() && !Hosts.isLoopback(url.host())) {
        throw new IllegalArgumentException("baseUrl must use https: plain http is allowed only to"
            + " a loopback host (localhost, 127.0.0.0/8, ::1), not to " + url.host());
      }
      if (!url.encodedPath().endsWith("/")) {
        url = url.newBuilder().addPathSegment("").build();
      }
      this.baseUrl = url;
      return this;
    }

    /** The API version; {@link ApiVersion#V2} by default. */
    public Builder apiVersion(ApiVersion apiVersion) {
      this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
      return this;
    }

    /** The list to read; {@link Dataset#SIP} by default. v1 serves only {@code SIP}. */
    public Builder dataset(Dataset dataset) {
      this.dataset = Objects.requireNonNull(dataset, "dataset");
      return this;
    }

    /**
     * The OkHttp client to derive this client's HTTP client from, to share its connection pool,
     * dispatcher, DNS, proxy and socket settings with the application. The derived client uses its
     * own timeouts, follows no redirects, has no cache, and drops the given client's interceptors,
     * event listener and authenticator: they would see the request, and with it the key. It also
     * verifies TLS with the platform's trust store (or {@link #trustStore}), host name verifier and
     * TLS versions and ciphers, never with the given client's; its certificate pins are kept.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient");
      return this;
    }

    /** The TCP connect timeout; 10 s by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout, "connectTimeout");
      return this;
    }

    /** The longest silence while reading a reply; 30 s by default. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout, "readTimeout");
      return this;
    }

    /** The longest one attempt may take, from start to the end of the body; 60 s by default. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = checkTimeout(timeout, "callTimeout");
      return this;
    }

    /**
     * Attempts per call, the first one included; 3 by default, 1 for no retry. 5xx replies,
     * timeouts and connection failures are retried; nothing else is.
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The backoff between attempts: before retry {@code n} a random wait of up to
     * {@code min(max, initial * 2^(n-1))}; 1 s and 30 s by default.
     */
    public Builder retryBackoff(Duration initial, Duration max) {
      Objects.requireNonNull(initial, "initial");
      Objects.requireNonNull(max, "max");
      if (initial.isNegative() || initial.isZero()) {
        throw new IllegalArgumentException("retryBackoff initial must be positive");
      }
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("retryBackoff max must not be less than initial");
      }
      this.backoffInitial = initial;
      this.backoffMax = max;
      return this;
    }

    /**
     * The pacer to take permits from. By default every client of the process with the same key
     * shares one pacer set to APIBAN's documented limit, 11 requests in 2 minutes.
     */
    public Builder pacer(RequestPacer pacer) {
      this.pacer = Objects.requireNonNull(pacer, "pacer");
      this.rateLimitRequests = -1;
      return this;
    }

    /**
     * A pacer of its own for this client: {@code requests} requests in any {@code window}, or no
     * limit for {@code requests == 0} (a local mirror, a benchmark).
     */
    public Builder rateLimit(int requests, Duration window) {
      Objects.requireNonNull(window, "window");
      if (requests < 0) {
        throw new IllegalArgumentException("rateLimit requests must not be negative");
      }
      if (requests > 0 && (window.isNegative() || window.isZero())) {
        throw new IllegalArgumentException("rateLimit window must be positive");
      }
      this.rateLimitRequests = requests;
      this.rateLimitWindow = window;
      this.pacer = null;
      return this;
    }

    /**
     * More certificates to trust, besides the JDK's certificate authorities: a mirror's
     * self-signed certificate, or a company CA. Certificates and host names are always verified;
     * there is no way to turn that off.
     *
     * @throws IllegalArgumentException if the store holds no certificate or cannot be read
     */
    public Builder trustStore(KeyStore trustStore) {
      this.trustAnchors = TrustAnchors.withExtra(Objects.requireNonNull(trustStore, "trustStore"));
      return this;
    }

    /** The largest reply body read; 256 KiB by default. A larger body fails the call. */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * The most entries a page may hold; 1000 by default (APIBAN sends 250). A page with more fails
     * the call.
     */
    public Builder maxPageEntries(int maxPageEntries) {
      if (maxPageEntries < 1) {
        throw new IllegalArgumentException("maxPageEntries must be at least 1");
      }
      this.maxPageEntries = maxPageEntries;
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    Builder systemProperty(UnaryOperator<String> systemProperty) {
      this.systemProperty = Objects.requireNonNull(systemProperty, "systemProperty");
      return this;
    }

    Builder testInterceptor(Interceptor interceptor) {
      this.testInterceptor = interceptor;
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException if no key was set
     * @throws IllegalArgumentException if the settings do not fit together (v1 with a dataset other
     *     than SIP), or the proxy named by {@code https_proxy} cannot be used
     */
    public ApibanClient build() {
      if (apiKey == null) {
        throw new IllegalStateException("apiKey is required");
      }
      if (apiVersion == ApiVersion.V1 && dataset != Dataset.SIP) {
        throw new IllegalArgumentException("the v1 API serves only the sip dataset, not "
            + dataset.wireName() + "; use ApiVersion.V2");
      }
      RequestPacer resolved = pacer;
      if (resolved == null && rateLimitRequests == 0) {
        resolved = RequestPacer.unlimited(clock, sleeper);
      } else if (resolved == null && rateLimitRequests > 0) {
        resolved = RequestPacer.create(rateLimitRequests, rateLimitWindow, clock, sleeper);
      } else if (resolved == null) {
        resolved = RequestPacer.sharedFor(apiKey);
      }
      return new ApibanClient(this, resolved, httpClient());
    }

    private OkHttpClient httpClient() {
      OkHttpClient base = okHttpClient != null ? okHttpClient : DefaultHttpClient.INSTANCE;
      OkHttpClient.Builder http = base.newBuilder()
          .connectTimeout(connectTimeout)
          .readTimeout(readTimeout)
          .callTimeout(callTimeout)
          .followRedirects(false)
          .followSslRedirects(false)
          .cache(null)
          .authenticator(Authenticator.NONE)
          .eventListener(EventListener.NONE);
      http.interceptors().clear();
      http.networkInterceptors().clear();
      if (testInterceptor != null) {
        http.addInterceptor(testInterceptor);
      }
      // TLS is never weaker than the platform's, whatever the application's client does: its trust
      // manager, host name verifier and protocol and cipher choice are replaced (the key travels
      // on this connection). Its certificate pins stay: they can only make verification stricter.
      OkHttpClient platform = DefaultHttpClient.INSTANCE;
      http.hostnameVerifier(platform.hostnameVerifier())
          .connectionSpecs(platform.connectionSpecs()); // modern TLS, or cleartext to loopback only
      if (trustAnchors != null) {
        http.sslSocketFactory(trustAnchors.socketFactory(), trustAnchors.trustManager());
      } else {
        http.sslSocketFactory(platform.sslSocketFactory(), platform.x509TrustManager());
      }
      // An application that chose a proxy keeps it; otherwise honour https_proxy as curl does.
      if (base.proxy() == null && base.proxySelector() == ProxySelector.getDefault()) {
        Map<String, String> env = environment != null ? environment : System.getenv();
        Optional<EnvProxy> envProxy = EnvProxy.from(env, systemProperty);
        if (envProxy.isPresent()) {
          EnvProxySelector selector = new EnvProxySelector(envProxy.get());
          http.proxySelector(selector);
          Authenticator proxyAuthenticator = selector.authenticator();
          if (proxyAuthenticator != null) {
            http.proxyAuthenticator(proxyAuthenticator);
          }
        }
      }
      return http.build();
    }

    private static Duration checkTimeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      if (timeout.compareTo(Duration.ofMillis(MAX_TIMEOUT_MILLIS)) > 0) {
        throw new IllegalArgumentException(name + " is too large");
      }
      return timeout;
    }
  }

  /** One OkHttp client for every ApibanClient built without one: one pool for the process. */
  private static final class DefaultHttpClient {
    static final OkHttpClient INSTANCE = new OkHttpClient();
  }
}
