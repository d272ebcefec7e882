package io.github.apiban4j.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for APIBAN's v2 feed on the loopback interface, fast enough not to be what the
 * CLI's sync waits for: every page body is written before the first request. {@code POST /api/get}
 * with {@code {"id":"CURSOR"}} answers the next {@value Plan#PAGE} entries after the cursor and the
 * last one's ID, or {@code 400 {"ipaddress":["no new bans"],"ID":"none"}} past the end. The key
 * is not checked.
 */
final class FakeFeed implements AutoCloseable {
  private static final long FIRST_ID = 1_700_000_000L;
  private static final Pattern CURSOR = Pattern.compile("\"id\"\\s*:\\s*\"(\\d{1,18})\"");
  private static final byte[] NO_NEW_BANS =
      "{\"ipaddress\":[\"no new bans\"],\"ID\":\"none\"}".getBytes(StandardCharsets.US_ASCII);

  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[][] pages;

  private FakeFeed(AddressSet entries) throws IOException {
    List<IpPrefix> list = entries.stream().toList();
    this.pages = new byte[(list.size() + Plan.PAGE - 1) / Plan.PAGE][];
    for (int p = 0; p < pages.length; p++) {
      int from = p * Plan.PAGE;
      int to = Math.min(list.size(), from + Plan.PAGE);
      StringBuilder json = new StringBuilder("{\"ipaddress\":[");
      for (int i = from; i < to; i++) {
        json.append(i > from ? ",\"" : "\"").append(list.get(i)).append('"');
      }
      json.append("],\"ID\":\"").append(FIRST_ID + to - 1).append("\"}");
      pages[p] = json.toString().getBytes(StandardCharsets.US_ASCII);
    }
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "fake-apiban-feed");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/api/get", this::get);
    server.start();
  }

  /** Serves {@code entries}, in their order, whatever key the client presents. */
  static FakeFeed start(AddressSet entries) throws IOException {
    // Without TCP_NODELAY every reply waits for the client's delayed ACK: 45 ms a page here.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    return new FakeFeed(entries);
  }

  /**
   * Fetches every page a few times, so that the server's code is compiled before the CLI's
   * syncs are timed against it.
   */
  void warmUp() throws IOException {
    for (int round = 0; round < 3; round++) {
      for (int p = 0; p <= pages.length; p++) { // the last request hears "no new bans"
        long cursor = p == 0 ? 100 : FIRST_ID + (long) p * Plan.PAGE - 1;
        HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "get").toURL()
            .openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.getOutputStream().write(("{\"id\":\"" + cursor + "\"}")
            .getBytes(StandardCharsets.US_ASCII));
        int status = c.getResponseCode();
        (status == 200 ? c.getInputStream() : c.getErrorStream()).readAllBytes();
      }
    }
  }

  /** {@code http://127.0.0.1:PORT/api/}. */
  String baseUrl() {
    InetSocketAddress a = server.getAddress();
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/api/";
  }

  private void get(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher m = CURSOR.matcher(new String(exchange.getRequestBody().readNBytes(4096),
          StandardCharsets.UTF_8));
      long after = m.find() ? Long.parseLong(m.group(1)) : 0;
      long next = Math.max(0, after + 1 - FIRST_ID); // the index of the first entry to send
      // Past the end, or a cursor inside a page (never handed out): no new bans.
      boolean more = next < (long) pages.length * Plan.PAGE && next % Plan.PAGE == 0;
      byte[] body = more ? pages[(int) (next / Plan.PAGE)] : NO_NEW_BANS;
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(more ? 200 : 400, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
