package io.github.apiban4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/** The canned APIBAN replies under {@code src/test/resources/io/github/apiban4j/client/}. */
final class Fixtures {
  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A reply with status {@code code} and the fixture {@code name} as a JSON body. */
  static MockResponse reply(int code, String name) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", name.endsWith(".json") ? "application/json" : "text/html")
        .body(read(name))
        .build();
  }

  /** A page of {@code n} distinct addresses, mostly IPv4 with one IPv6 address in 25. */
  static String page(int n, String id) {
    StringBuilder sb = new StringBuilder("{\"ipaddress\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"');
      if (i % 25 == 24) {
        sb.append("2001:db8::").append(Integer.toHexString(i + 1));
      } else {
        int block = i % 3;
        sb.append(block == 0 ? "192.0.2." : block == 1 ? "198.51.100." : "203.0.113.")
            .append(i % 254 + 1);
      }
      sb.append('"');
    }
    return sb.append("],\"ID\":\"").append(id).append("\"}").toString();
  }
}
