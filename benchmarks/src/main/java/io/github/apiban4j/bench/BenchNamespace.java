package io.github.apiban4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A network namespace of the harness's own, {@code apiban-bench-<random>}, created with {@code ip
 * netns add} and deleted on close or, if the harness is interrupted, by a shutdown hook. Its
 * firewall starts empty and nothing in it reaches the host's.
 */
final class BenchNamespace implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final Thread cleanup;

  private BenchNamespace(String name) {
    this.name = name;
    this.cleanup = new Thread(this::deleteQuietly, "delete " + name);
  }

  static BenchNamespace create() throws IOException {
    byte[] random = new byte[4];
    RANDOM.nextBytes(random);
    BenchNamespace ns = new BenchNamespace("apiban-bench-" + HexFormat.of().formatHex(random));
    Tools.run("ip", "netns", "add", ns.name);
    Runtime.getRuntime().addShutdownHook(ns.cleanup);
    return ns;
  }

  /** The name, under {@code /run/netns}. */
  String name() {
    return name;
  }

  /** {@code /run/netns/NAME}. */
  Path path() {
    return Path.of("/run/netns", name);
  }

  /** This process's network namespace, as {@code net:[INODE]}. */
  static String current() throws IOException {
    return Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
  }

  /**
   * Fails unless this process runs inside the namespace at {@code file}, and that is not {@code
   * host}, the harness's own: a worker that would otherwise change the host's firewall stops first.
   */
  static void requireInside(Path file, String host) throws IOException {
    String self = current();
    String wanted = "net:[" + Files.getAttribute(file, "unix:ino") + "]";
    if (!self.equals(wanted) || self.equals(host)) {
      throw new IllegalStateException("this process is in network namespace " + self + ", not "
          + file + " (" + wanted + "); refusing to touch the firewall");
    }
  }

  @Override
  public void close() throws IOException {
    Runtime.getRuntime().removeShutdownHook(cleanup);
    Tools.run("ip", "netns", "delete", name);
  }

  private void deleteQuietly() {
    try {
      if (Files.exists(path())) {
        Tools.run("ip", "netns", "delete", name);
      }
    } catch (IOException e) {
      System.err.println("could not delete network namespace " + name + ": " + e.getMessage());
    }
  }
}
