package io.github.apiban4j.client;

import io.github.apiban4j.internal.http.ApibanReply;
import io.github.apiban4j.internal.http.BannedPageParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing one full APIBAN page, as the client does for every reply: 250 entries, mostly IPv4 of
 * every length with one IPv6 address in 25, streamed through Moshi and validated entry by entry.
 * The target is 100 µs per page or less: far below the network time of the request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class PageParseBenchmark {
  private static final int ENTRIES = 250;

  byte[] page;

  @Setup
  public void setUp() throws IOException {
    page = page(ENTRIES, new SplittableRandom(42)).getBytes(StandardCharsets.UTF_8);
    ApibanReply check = parse();
    if (check.entries().size() != ENTRIES || !check.rejected().isEmpty()
        || !"1698425647".equals(check.id())) {
      throw new IllegalStateException("bad benchmark page: " + check);
    }
  }

  /** Copies the page into a fresh buffer, as the body arrives, and parses it whole. */
  @Benchmark
  public ApibanReply parse() throws IOException {
    return BannedPageParser.parse(new Buffer().write(page), 1000);
  }

  /**
   * A page in APIBAN's shape. The addresses come from the documentation ranges but vary in length
   * like real ones: one, two and three digit octets, compressed and full IPv6 groups.
   */
  static String page(int entries, SplittableRandom random) {
    String[] nets = {"192.0.2.", "198.51.100.", "203.0.113."};
    StringBuilder sb = new StringBuilder(entries * 18).append("{\"ipaddress\":[");
    for (int i = 0; i < entries; i++) {
      sb.append(i == 0 ? "\"" : ",\"");
      if (i % 25 == 24) {
        sb.append("2001:db8:").append(Integer.toHexString(random.nextInt(0x10000)))
            .append("::").append(Integer.toHexString(random.nextInt(1, 0x10000)));
      } else {
        int digits = 1 + random.nextInt(3);
        int octet = digits == 1 ? random.nextInt(1, 10)
            : digits == 2 ? random.nextInt(10, 100) : random.nextInt(100, 255);
        sb.append(nets[random.nextInt(nets.length)]).append(octet);
      }
      sb.append('"');
    }
    return sb.append("],\"ID\":\"1698425647\"}").toString();
  }
}
