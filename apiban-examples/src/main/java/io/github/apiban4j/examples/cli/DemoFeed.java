package io.github.apiban4j.examples.cli;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okio.Buffer;

/**
 * A feed that answers as APIBAN's v2 API does, on the loopback interface only, for {@code apiban
 * demo}: {@code POST /api/get} pages of at most 250 entries from a cursor, oldest first, ending
 * with {@code 400 {"ipaddress":["no new bans"],"ID":"none"}}; {@code POST /api/check}; a wrong key
 * gets {@code 403}. Entries are served as text, as the real feed serves them, hostile or not.
 */
final class DemoFeed implements AutoCloseable {
  /** The ID of the first entry; a cursor below it means the start of the feed. */
  static final long FIRST_ID = 1_700_000_000L;
  private static final int PAGE_SIZE = 250;
  private static final int MAX_BODY = 4096;

  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] keyDigest;
  private final Map<String, Long> entries = new LinkedHashMap<>(); // text -> id
  private final AtomicInteger requests = new AtomicInteger();
  private long nextId = FIRST_ID;

  private DemoFeed(String key) throws IOException {
    this.keyDigest = digest(key);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "apiban-demo-feed");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/api/", this::handle);
    server.start();
  }

  /** Starts a feed on a free loopback port that accepts {@code key}. */
  static DemoFeed start(String key) throws IOException {
    return new DemoFeed(key);
  }

  /** {@code http://127.0.0.1:PORT/api/}. */
  String baseUrl() {
    InetSocketAddress a = server.getAddress();
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/api/";
  }

  /** Reports {@code texts} (addresses, prefixes or anything else) as new, in order. */
  synchronized void publish(List<String> texts) {
    for (String t : texts) {
      entries.remove(t);
      entries.put(t, nextId++);
    }
  }

  /** Requests answered so far. */
  int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"POST".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, "{\"error\":\"POST only\"}");
        return;
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String presented = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
      Map<String, String> body = readBody(exchange.getRequestBody());
      if (!MessageDigest.isEqual(keyDigest, digest(presented))) {
        reply(exchange, 403, "{\"ipaddress\":\"none\",\"ID\":\"unauthorized\"}");
      } else if (path.equals("/api/get")) {
        page(exchange, body.getOrDefault("id", "100"));
      } else if (path.equals("/api/check")) {
        check(exchange, body.getOrDefault("ipaddress", ""));
      } else {
        reply(exchange, 404, "{\"error\":\"not found\"}");
      }
    }
  }

  private void page(HttpExchange exchange, String cursor) throws IOException {
    long after;
    try {
      after = Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      reply(exchange, 400, json(List.of("bad id"), "none"));
      return;
    }
    List<String> page = new ArrayList<>();
    long last = 0;
    synchronized (this) {
      for (Map.Entry<String, Long> e : entries.entrySet()) { // in id order: ids only grow
        if (e.getValue() > after && page.size() < PAGE_SIZE) {
          page.add(e.getKey());
          last = e.getValue();
        }
      }
    }
    if (page.isEmpty()) {
      reply(exchange, 400, json(List.of("no new bans"), "none"));
    } else {
      reply(exchange, 200, json(page, Long.toString(last)));
    }
  }

  private void check(HttpExchange exchange, String address) throws IOException {
    Long id;
    synchronized (this) {
      id = entries.get(address);
    }
    if (id == null) {
      reply(exchange, 404, json(List.of("not blocked"), "none"));
    } else {
      reply(exchange, 200, json(List.of(address), Long.toString(id)));
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A reply body: {@code {"ipaddress":[...],"ID":"..."}}, every entry escaped as JSON text. */
  static String json(List<String> texts, String id) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.beginObject().name("ipaddress").beginArray();
      for (String t : texts) {
        w.value(t);
      }
      w.endArray().name("ID").value(id).endObject();
    } catch (IOException e) {
      throw new IllegalStateException(e); // a Buffer does no I/O
    }
    return buffer.readUtf8();
  }

  /** The request's flat JSON object of strings; anything else is an empty map. */
  private static Map<String, String> readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY);
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonReader r = JsonReader.of(new Buffer().write(bytes))) {
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        if (r.peek() == JsonReader.Token.STRING) {
          out.put(name, r.nextString());
        } else {
          r.skipValue();
        }
      }
      r.endObject();
    } catch (IOException | RuntimeException e) {
      out.clear(); // not a flat object: answered as if empty
    }
    return out;
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
