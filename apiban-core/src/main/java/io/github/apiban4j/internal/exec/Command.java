package io.github.apiban4j.internal.exec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One program to run: its name, its arguments, the bytes for its standard input, a time limit and,
 * optionally, the network namespace to run it in.
 *
 * <p>Data goes through standard input, never through the argument vector: arguments are for fixed
 * options and for values the caller has already parsed. That is why {@link #toString()} may show
 * the arguments and never shows the input.
 *
 * <pre>{@code
 * Command nft = Command.of("nft", "-f", "-")
 *     .withStdin(script)
 *     .withTimeout(Duration.ofSeconds(30))
 *     .inNamespace("apiban-it-1f2e");
 * }</pre>
 *
 * <h2>Namespaces</h2>
 * A namespace given by name ({@code [A-Za-z0-9_.-]}, at most 64 characters) runs the program as
 * {@code ip netns exec NAME program args…}; one given as a path ({@code /run/netns/NAME} or
 * {@code /proc/PID/ns/net}) runs it as {@code nsenter --net=PATH -- program args…}.
 *
 * <h2>Thread-safety</h2>
 * Immutable; the {@code with…} methods return new instances.
 */
public final class Command {
  /** The time limit unless one is given: long enough for a 100k-entry restore on a slow machine. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern NAMESPACE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern NAMESPACE_PATH =
      Pattern.compile("/run/netns/[A-Za-z0-9_.-]{1,64}|/proc/(?:[1-9][0-9]{0,9}|self)/ns/net");
  private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_.+-]{1,128}");
  private static final byte[] NO_INPUT = new byte[0];

  private final String program;
  private final List<String> arguments;
  private final byte[] stdin;
  private final Duration timeout;
  private final String namespace;

  private Command(String program, List<String> arguments, byte[] stdin, Duration timeout,
      String namespace) {
    this.program = program;
    this.arguments = arguments;
    this.stdin = stdin;
    this.timeout = timeout;
    this.namespace = namespace;
  }

  /**
   * A command with no input, the {@linkplain #DEFAULT_TIMEOUT default time limit}, in the caller's
   * own network namespace.
   *
   * @param program a bare program name ({@code nft}), looked up on the search path by the runner
   * @throws IllegalArgumentException if {@code program} is not a bare name or an argument holds a
   *     NUL
   */
  public static Command of(String program, String... arguments) {
    return of(program, Arrays.asList(arguments));
  }

  /** Like {@link #of(String, String...)}, with the arguments as a list. */
  public static Command of(String program, List<String> arguments) {
    Objects.requireNonNull(program, "program");
    // A bare name only: a path or a name with spaces would let the caller bypass the lookup that
    // names the Debian package, or smuggle a second word in.
    if (!PROGRAM.matcher(program).matches() || program.startsWith("-")) {
      throw new IllegalArgumentException("program must be a bare name like 'nft', not '"
          + program + "'");
    }
    List<String> args = List.copyOf(arguments);
    for (String arg : args) {
      // execve cannot carry a NUL; the JDK would cut the argument there without a word.
      if (arg.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("an argument of " + program + " contains a NUL byte");
      }
    }
    return new Command(program, args, NO_INPUT, DEFAULT_TIMEOUT, null);
  }

  /** This command with {@code bytes} (copied) as its standard input. */
  public Command withStdin(byte[] bytes) {
    return new Command(program, arguments, bytes.clone(), timeout, namespace);
  }

  /** This command with {@code text}, encoded as UTF-8, as its standard input. */
  public Command withStdin(String text) {
    return new Command(program, arguments, text.getBytes(StandardCharsets.UTF_8), timeout,
        namespace);
  }

  /**
   * This command with another time limit; past it the process is killed.
   *
   * @throws IllegalArgumentException if {@code limit} is zero or negative
   */
  public Command withTimeout(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + limit);
    }
    return new Command(program, arguments, stdin, limit, namespace);
  }

  /**
   * This command run inside a network namespace.
   *
   * @param nameOrPath a name under {@code /run/netns}, or the path {@code /run/netns/NAME} or
   *     {@code /proc/PID/ns/net}
   * @throws IllegalArgumentException if it is neither
   */
  public Command inNamespace(String nameOrPath) {
    return new Command(program, arguments, stdin, timeout, checkNamespace(nameOrPath));
  }

  /**
   * Returns {@code nameOrPath} if {@link #inNamespace} accepts it.
   *
   * @throws IllegalArgumentException saying what a namespace may be
   */
  public static String checkNamespace(String nameOrPath) {
    Objects.requireNonNull(nameOrPath, "namespace");
    boolean name = NAMESPACE_NAME.matcher(nameOrPath).matches()
        // "." and ".." would name directories; a leading '-' would read as an option of ip.
        && !nameOrPath.equals(".") && !nameOrPath.equals("..") && !nameOrPath.startsWith("-");
    boolean path = NAMESPACE_PATH.matcher(nameOrPath).matches()
        && !nameOrPath.endsWith("/.") && !nameOrPath.endsWith("/..");
    if (!name && !path) {
      throw new IllegalArgumentException("'" + nameOrPath + "' is not a network namespace: give a"
          + " name ([A-Za-z0-9_.-], up to 64 characters) or a path /run/netns/NAME or"
          + " /proc/PID/ns/net");
    }
    return nameOrPath;
  }

  /** The program's bare name. */
  public String program() {
    return program;
  }

  /** The program's arguments (unmodifiable). */
  public List<String> arguments() {
    return arguments;
  }

  /** A copy of the standard input. */
  public byte[] stdin() {
    return stdin.clone();
  }

  /** The number of bytes of standard input. */
  public int stdinLength() {
    return stdin.length;
  }

  /** The time limit. */
  public Duration timeout() {
    return timeout;
  }

  /** The network namespace, a name or a path, if any. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /**
   * The argument vector to execute, with bare program names: the namespace wrapper, if any, then
   * the program and its arguments. The runner replaces each program name by its absolute path.
   */
  public List<String> argv() {
    List<String> argv = new ArrayList<>(arguments.size() + 5);
    argv.addAll(wrapper());
    argv.add(program);
    argv.addAll(arguments);
    return List.copyOf(argv);
  }

  /** The words before the program: none, {@code ip netns exec NAME} or {@code nsenter --net=…}. */
  List<String> wrapper() {
    if (namespace == null) {
      return List.of();
    }
    if (namespace.startsWith("/")) {
      return List.of("nsenter", "--net=" + namespace, "--");
    }
    return List.of("ip", "netns", "exec", namespace);
  }

  /** Direct access for the runner, which only reads it. */
  byte[] stdinUnsafe() {
    return stdin;
  }

  /**
   * The argument vector joined by spaces, and the size of the input; never the input itself, which
   * may be large and is nobody's business in a log line.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.join(" ", argv()));
    if (stdin.length > 0) {
      sb.append(" <").append(stdin.length).append(" bytes of input>");
    }
    return sb.toString();
  }
}
