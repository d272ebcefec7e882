package io.github.apiban4j.testkit;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A throwaway network namespace, {@code apiban-it-<random>}, with its own empty firewall and only a
 * loopback interface (up). Tests that touch the firewall work only in one of these, so that nothing
 * they do can reach the host's own rules.
 *
 * <pre>{@code
 * try (NetworkNamespace ns = NetworkNamespace.create()) {
 *   ns.exec("nft", "list", "ruleset").requireSuccess("listing");
 *   FirewallBackend b = provider.create(BackendConfig.of(Map.of("namespace", ns.name())));
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #close()} deletes the namespace, and a JVM shutdown hook does it if the test never gets
 * to close it (a killed fork). Needs root and {@code ip} (iproute2): without them {@link #create()}
 * skips the test, or fails it under {@code CI=true} (see {@link TestEnvironment}).
 *
 * <h2>Thread-safety</h2>
 * {@link #exec} may be called from any thread; {@link #close()} is idempotent.
 */
public final class NetworkNamespace implements AutoCloseable {
  /** Every namespace the tests create starts with this, so that leftovers are recognisable. */
  public static final String PREFIX = "apiban-it-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final CommandRunner runner;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;

  private NetworkNamespace(String name, CommandRunner runner) {
    this.name = name;
    this.runner = runner;
    this.shutdownHook = new Thread(this::deleteQuietly, "delete-netns-" + name);
  }

  /**
   * Creates a namespace with a fresh random name and brings its loopback interface up.
   *
   * @throws IOException if {@code ip} fails (the message quotes it)
   */
  public static NetworkNamespace create() throws IOException {
    TestEnvironment.requireRoot("create network namespaces");
    TestEnvironment.requireCommand("ip", "iproute2");
    byte[] random = new byte[5];
    RANDOM.nextBytes(random);
    String name = PREFIX + HexFormat.of().formatHex(random);
    CommandRunner runner = CommandRunner.system();
    runner.run(Command.of("ip", "netns", "add", name))
        .requireSuccess("creating network namespace " + name);
    NetworkNamespace ns = new NetworkNamespace(name, runner);
    Runtime.getRuntime().addShutdownHook(ns.shutdownHook);
    try {
      ns.exec("ip", "link", "set", "lo", "up").requireSuccess("bringing up lo in " + name);
    } catch (IOException | RuntimeException e) {
      try {
        ns.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return ns;
  }

  /** The namespace's name, as {@code ip netns} knows it. */
  public String name() {
    return name;
  }

  /** The namespace's file, {@code /run/netns/NAME}. */
  public Path path() {
    return Path.of("/run/netns", name);
  }

  /** {@code program} with {@code arguments}, to run in this namespace; add input or a timeout. */
  public Command command(String program, String... arguments) {
    return Command.of(program, arguments).inNamespace(name);
  }

  /**
   * Runs {@code argv} inside this namespace and returns how it ended; a non-zero exit status is not
   * an exception.
   *
   * @param argv the program's bare name, then its arguments
   */
  public CommandResult exec(String... argv) throws IOException {
    if (argv.length == 0) {
      throw new IllegalArgumentException("no program given");
    }
    if (closed.get()) {
      throw new IllegalStateException("network namespace " + name + " has been deleted");
    }
    return runner.run(command(argv[0], Arrays.copyOfRange(argv, 1, argv.length)));
  }

  /** Deletes the namespace, with everything in it. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down; the hook runs anyway, and deleting twice is harmless.
    }
    delete();
  }

  private void delete() throws IOException {
    runner.run(Command.of("ip", "netns", "delete", name))
        .requireSuccess("deleting network namespace " + name);
  }

  private void deleteQuietly() {
    try {
      delete();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "NetworkNamespace[" + name + (closed.get() ? ", deleted]" : "]");
  }
}
