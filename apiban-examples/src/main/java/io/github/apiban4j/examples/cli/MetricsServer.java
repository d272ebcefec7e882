package io.github.apiban4j.examples.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.apiban4j.address.IpPrefix;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@link Metrics} at {@code /metrics}, on a loopback address only: the metrics say which
 * addresses are protected and how well, which is nobody else's business; a scraper on another
 * host goes through a proxy or an SSH tunnel.
 */
final class MetricsServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code hostPort}: {@code 127.0.0.1:9464}, {@code [::1]:9464} or
   * {@code localhost:9464} (port 0 picks a free one).
   *
   * @throws ConfigException if the address is not a loopback literal or the port is invalid
   */
  static MetricsServer start(String hostPort, Metrics metrics) throws ConfigException, IOException {
    InetSocketAddress address = parse(hostPort);
    metrics.markServed();
    HttpServer server;
    try {
      server = HttpServer.create(address, 8);
    } catch (IOException e) {
      throw new ConfigException("--metrics " + hostPort + ": cannot listen there ("
          + Failure.message(e) + ")", e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "apiban-metrics");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, metrics));
    server.start();
    return new MetricsServer(server, executor);
  }

  static InetSocketAddress parse(String hostPort) throws ConfigException {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new ConfigException("--metrics must be HOST:PORT on a loopback address, e.g. "
          + "127.0.0.1:9464, not '" + hostPort + "'");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.equalsIgnoreCase("localhost")) {
      host = "127.0.0.1";
    }
    int port;
    IpPrefix ip;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
      ip = IpPrefix.parseAddress(host);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--metrics must be HOST:PORT on a loopback address, e.g. "
          + "127.0.0.1:9464, not '" + hostPort + "'");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("--metrics port must be 0 to 65535, not " + port);
    }
    if (!ip.address().isLoopbackAddress()) {
      throw new ConfigException("--metrics serves on a loopback address only (127.0.0.1 or ::1),"
          + " not " + ip + "; reach it from elsewhere through a proxy or an SSH tunnel");
    }
    return new InetSocketAddress(ip.address(), port);
  }

  private static void handle(HttpExchange exchange, Metrics metrics) throws IOException {
    try (exchange) {
      boolean found = exchange.getRequestURI().getPath().equals("/metrics");
      boolean get = exchange.getRequestMethod().equals("GET")
          || exchange.getRequestMethod().equals("HEAD");
      byte[] body = (!found ? "not found; try /metrics\n" : !get ? "GET only\n"
          : metrics.render()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", found && get
          ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8");
      int status = !found ? 404 : !get ? 405 : 200;
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** The address it listens on (with the port chosen, for port 0). */
  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
