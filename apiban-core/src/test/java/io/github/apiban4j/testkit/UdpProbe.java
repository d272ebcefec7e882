package io.github.apiban4j.testkit;

import io.github.apiban4j.address.IpPrefix;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one UDP datagram from one namespace to another and tells whether it arrived, for end-to-end
 * firewall tests. A JVM thread cannot easily work inside another network namespace, and a fresh
 * Debian with only the firewall tools has no netcat or Python to rely on, so each end is a child
 * JVM running this class's {@link #main} under {@code ip netns exec}: the receiver binds first and
 * says so, the sender sends, and then the receiver waits up to the timeout for the datagram.
 *
 * <pre>{@code
 * byte[] options = UdpProbe.sipOptions(pair.left(), pair.right(), 5060);
 * boolean delivered = UdpProbe.send(pair.left(), pair.right(), 5060, options, Duration.ofSeconds(2));
 * }</pre>
 *
 * <p>A datagram counts as delivered only if the receiver got exactly the payload, from the
 * sender's address, within the timeout; a datagram the firewall drops makes the call wait the whole
 * timeout, so keep that short (a second or two is plenty on a veth).
 */
public final class UdpProbe {
  private static final String READY = "READY";
  private static final String RECEIVED = "RECEIVED ";
  private static final String NOTHING = "NOTHING";
  /** How long a child JVM may take to start and bind, on a loaded machine. */
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private UdpProbe() {}

  /**
   * Sends {@code payload} from {@code from}'s address to {@code to}'s address and {@code port}.
   *
   * @param timeout how long the receiver waits for the datagram once it is sent
   * @return whether the exact payload arrived from {@code from}'s address in time
   * @throws IOException if a child JVM cannot be started or fails
   */
  public static boolean send(VethPair.Endpoint from, VethPair.Endpoint to, int port,
      byte[] payload, Duration timeout) throws IOException {
    Process receiver = start(to.namespace(), "receive", to.address(), Integer.toString(port),
        Long.toString(Math.max(1, timeout.toMillis())));
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(receiver.getInputStream(), StandardCharsets.US_ASCII));
      String first = readLine(out, receiver, STARTUP);
      if (!READY.equals(first)) {
        throw new IOException("the UDP receiver in " + to.namespace().name() + " did not start: "
            + first + " " + errors(receiver));
      }
      Process sender = start(from.namespace(), "send", from.address(), to.address(),
          Integer.toString(port), HexFormat.of().formatHex(payload));
      try {
        if (!sender.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS)
            || sender.exitValue() != 0) {
          throw new IOException("the UDP sender in " + from.namespace().name() + " failed: "
              + errors(sender));
        }
      } finally {
        sender.destroyForcibly();
      }
      // The datagram, if it passed, waits in the socket's buffer; the receiver's clock starts now.
      receiver.getOutputStream().write("SENT\n".getBytes(StandardCharsets.US_ASCII));
      receiver.getOutputStream().flush();
      // The receiver gives up after its own limit; this bound only guards against a hung child.
      String line = readLine(out, receiver, timeout.plus(STARTUP));
      String expected = RECEIVED + from.address() + " " + HexFormat.of().formatHex(payload);
      return expected.equals(line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while probing", e);
    } finally {
      receiver.destroyForcibly();
    }
  }

  /** A SIP OPTIONS request from {@code from} to {@code to}, as a scanner sends it. */
  public static byte[] sipOptions(VethPair.Endpoint from, VethPair.Endpoint to, int port) {
    String host = to.ipv6() ? "[" + to.address() + "]" : to.address();
    String via = from.ipv6() ? "[" + from.address() + "]" : from.address();
    return ("OPTIONS sip:100@" + host + ":" + port + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP " + via + ":5060;branch=z9hG4bK-apiban4j-probe\r\n"
        + "Max-Forwards: 70\r\n"
        + "To: <sip:100@" + host + ">\r\n"
        + "From: <sip:probe@" + via + ">;tag=apiban4j\r\n"
        + "Call-ID: apiban4j-probe@" + via + "\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static Process start(NetworkNamespace ns, String... args) throws IOException {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator
        + "java";
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), java,
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        UdpProbe.class.getName()));
    argv.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().keySet().removeIf(k -> !k.equals("PATH"));
    return pb.start();
  }

  private static String readLine(BufferedReader out, Process p, Duration limit)
      throws IOException, InterruptedException {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      return line.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      p.destroyForcibly();
      throw new IOException("no answer from the UDP probe within " + limit, e);
    } catch (ExecutionException e) {
      throw new IOException("reading the UDP probe's output failed", e.getCause());
    }
  }

  private static String errors(Process p) {
    try {
      p.destroyForcibly();
      return new String(p.getErrorStream().readNBytes(4000), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return e.toString();
    }
  }

  /**
   * The child side: {@code receive ADDRESS PORT MILLIS} binds, prints {@code READY}, then prints
   * {@code RECEIVED SOURCE HEXPAYLOAD} for the first datagram or {@code NOTHING} after MILLIS;
   * {@code send FROM TO PORT HEXPAYLOAD} sends one datagram from FROM.
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 4 && args[0].equals("receive")) {
      try (DatagramSocket socket = new DatagramSocket(
          new InetSocketAddress(literal(args[1]), Integer.parseInt(args[2])))) {
        System.out.println(READY);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
        socket.setSoTimeout(Integer.parseInt(args[3]));
        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        try {
          socket.receive(packet);
          System.out.println(RECEIVED + IpPrefix.of(packet.getAddress()) + " " + HexFormat.of().formatHex(packet.getData(), 0, packet.getLength()));
        } catch (SocketTimeoutException e) {
          System.out.println(NOTHING);
        }
      }
    } else if (args.length == 5 && args[0].equals("send")) {
      byte[] payload = HexFormat.of().parseHex(args[4]);
      try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(literal(args[1]), 0))) {
        socket.send(new DatagramPacket(payload, payload.length,
            new InetSocketAddress(literal(args[2]), Integer.parseInt(args[3]))));
      }
    } else {
      System.err.println("usage: receive ADDRESS PORT MILLIS | send FROM TO PORT HEXPAYLOAD");
      System.exit(2);
    }
  }

  /** An address literal as an InetAddress, from its parsed bytes (no name lookup). */
  private static InetAddress literal(String text) {
    return IpPrefix.parseAddress(text).address();
  }
}
