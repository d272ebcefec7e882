package io.github.apiban4j.testkit;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * An APIBAN look-alike on loopback that keeps a feed: entries in the order they were reported, each
 * with an increasing ID, paged 250 at a time from a cursor, ending with the documented
 * {@code 400 {"ipaddress":["no new bans"],"ID":"none"}}. It serves v2 ({@code POST /api/get},
 * {@code /api/check}, Bearer key) and v1 ({@code GET /api/KEY/banned/ID}, {@code /check/IP}), answers
 * 403 with the documented body to a wrong key, and replays queued failures (429, 5xx, garbage)
 * before normal replies.
 *
 * <pre>{@code
 * try (FakeApiban apiban = FakeApiban.start("testkey")) {
 *   apiban.publish("192.0.2.1", "198.51.100.7");
 *   ... ApibanClient.builder().baseUrl(apiban.baseUrl()) ...
 * }
 * }</pre>
 */
public final class FakeApiban implements AutoCloseable {
  /** The first ID the feed hands out; every cursor below it means "from the start". */
  public static final long FIRST_ID = 1_700_000_000L;

  private final MockWebServer server = new MockWebServer();
  private final String key;
  private final Map<String, Long> active = new LinkedHashMap<>(); // entry text -> id
  private final Deque<MockResponse> queued = new ArrayDeque<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> cursorsRequested = new ArrayList<>();
  private long nextId = FIRST_ID;
  private int pageSize = 250;

  private FakeApiban(String key) {
    this.key = key;
  }

  /** Starts a fake that accepts {@code key}. */
  public static FakeApiban start(String key) throws IOException {
    FakeApiban fake = new FakeApiban(key);
    fake.server.setServerSocketFactory(new NoDelayServerSocketFactory());
    fake.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return fake.reply(request);
      }
    });
    fake.server.start(InetAddress.getLoopbackAddress(), 0);
    return fake;
  }

  /** The base URL to give the client: {@code http://127.0.0.1:PORT/api/}. */
  public String baseUrl() {
    return server.url("/api/").toString();
  }

  /** Reports entries (any text, hostile or not), in order; a known entry moves to the end. */
  public synchronized FakeApiban publish(String... entries) {
    for (String e : entries) {
      active.remove(e);
      active.put(e, nextId++);
    }
    return this;
  }

  /** Reports {@code count} distinct documentation addresses, see {@link TestAddresses#many}. */
  public synchronized FakeApiban publishMany(int count) {
    TestAddresses.many(count).forEach(this::publish);
    return this;
  }

  /** Stops listing entries, as APIBAN does seven days after their last report. */
  public synchronized FakeApiban delist(String... entries) {
    for (String e : entries) {
      active.remove(e);
    }
    return this;
  }

  public synchronized FakeApiban pageSize(int size) {
    this.pageSize = size;
    return this;
  }

  /** The next request gets {@code response} instead of its normal reply. */
  public synchronized FakeApiban enqueue(MockResponse response) {
    queued.add(response);
    return this;
  }

  /** The next request gets this status and body. */
  public FakeApiban enqueue(int status, String body) {
    return enqueue(new MockResponse.Builder().code(status).body(body).build());
  }

  /** The next request gets the documented 429 reply, with a Retry-After if not null. */
  public FakeApiban enqueueRateLimit(Integer retryAfterSeconds) {
    MockResponse.Builder b = new MockResponse.Builder().code(429)
        .body("{\"ipaddress\":\"rate limit exceeded\",\"ID\":\"unauthorized\"}");
    if (retryAfterSeconds != null) {
      b.addHeader("Retry-After", retryAfterSeconds);
    }
    return enqueue(b.build());
  }

  /** Requests received so far. */
  public int requestCount() {
    return requests.get();
  }

  /** The cursors of the banned-list requests received so far, in order. */
  public synchronized List<String> cursorsRequested() {
    return List.copyOf(cursorsRequested);
  }

  /** The underlying server, to inspect requests. */
  public MockWebServer server() {
    return server;
  }

  private MockResponse reply(RecordedRequest request) {
    requests.incrementAndGet();
    synchronized (this) {
      List<String> segments = request.getUrl().pathSegments();
      boolean v2 = "POST".equals(request.getMethod());
      String presentedKey;
      String operation;
      String argument;
      if (v2) {
        String auth = request.getHeaders().get("Authorization");
        presentedKey = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
        operation = segments.get(segments.size() - 1);
        Map<String, String> body = parseBody(request.getBody() == null ? "" : request.getBody().utf8());
        argument = operation.equals("get") ? body.getOrDefault("id", "100") : body.get("ipaddress");
      } else if (segments.size() >= 4) {
        presentedKey = segments.get(1);
        operation = segments.get(2).equals("banned") ? "get" : segments.get(2);
        argument = segments.get(3);
      } else {
        return reply(404, "{\"error\":\"not found\"}");
      }
      if (operation.equals("get")) {
        cursorsRequested.add(argument);
      }
      if (!queued.isEmpty()) {
        return queued.poll();
      }
      if (!key.equals(presentedKey)) {
        return reply(403, "{\"ipaddress\":\"none\",\"ID\":\"unauthorized\"}");
      }
      return switch (operation) {
        case "get" -> page(argument);
        case "check" -> check(argument);
        default -> reply(404, "{\"error\":\"not found\"}");
      };
    }
  }

  private MockResponse page(String cursor) {
    long after = Long.parseLong(cursor);
    List<Map.Entry<String, Long>> newer = new ArrayList<>();
    for (Map.Entry<String, Long> e : active.entrySet()) {
      if (e.getValue() > after) {
        newer.add(e);
      }
    }
    newer.sort(Map.Entry.comparingByValue());
    if (newer.isEmpty()) {
      return reply(400, json(List.of("no new bans"), "none"));
    }
    List<Map.Entry<String, Long>> page = newer.subList(0, Math.min(pageSize, newer.size()));
    List<String> texts = new ArrayList<>();
    page.forEach(e -> texts.add(e.getKey()));
    return reply(200, json(texts, Long.toString(page.get(page.size() - 1).getValue())));
  }

  private MockResponse check(String address) {
    Long id = active.get(address);
    return id == null
        ? reply(400, json(List.of("not blocked"), "none"))
        : reply(200, json(List.of(address), Long.toString(id)));
  }

  private static MockResponse reply(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  /** A reply body, with every entry escaped as JSON text. */
  public static String json(List<String> entries, String id) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.beginObject().name("ipaddress").beginArray();
      for (String e : entries) {
        w.value(e);
      }
      w.endArray().name("ID").value(id).endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  private static Map<String, String> parseBody(String text) {
    Map<String, String> out = new HashMap<>();
    if (text.isBlank()) {
      return out;
    }
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(text))) {
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        out.put(name, r.peek() == JsonReader.Token.NULL ? r.nextNull() : r.nextString());
      }
      r.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /**
   * Server sockets whose connections send at once. The server writes a reply's headers and its
   * body separately; with Nagle's algorithm the body would wait for the client's delayed ACK of
   * the headers, about 40 ms a reply, which is most of the time of a pull of many pages.
   */
  private static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }
  }
}
