package io.github.apiban4j.internal.exec;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs commands as child processes, directly from their argument vector: no shell ever sees an
 * argument, so no character in one means anything but itself.
 *
 * <ul>
 *   <li>Programs are looked up by name in {@code PATH} and then in {@code /usr/sbin} and
 *       {@code /sbin}, where the firewall tools live but which a service's minimal {@code PATH}
 *       often lacks. The path found is used as is: symbolic links are not followed, because
 *       multi-call binaries such as {@code xtables-nft-multi} choose their personality by the name
 *       they are called by.</li>
 *   <li>The child's environment holds only {@code PATH} (the search path) and {@code LC_ALL=C}:
 *       nothing of the parent's, which may hold secrets such as the APIBAN key, and a fixed locale,
 *       so that what the tools say can be matched against fixed English text.</li>
 *   <li>Standard input is written on its own thread while stdout and stderr are drained on two
 *       more, so a program that writes much before reading all its input cannot deadlock against
 *       us.</li>
 *   <li>stdout and stderr together are captured up to a limit ({@value #DEFAULT_OUTPUT_LIMIT} bytes
 *       unless {@linkplain #withOutputLimit changed}); beyond it the process is killed.</li>
 *   <li>Past the command's time limit, or when the calling thread is interrupted, the process (and
 *       any children it started) get SIGTERM, then SIGKILL if they linger, and are reaped before
 *       the call returns.</li>
 * </ul>
 *
 * <h2>Thread-safety</h2>
 * Immutable and safe for concurrent use; each run uses its own threads and buffers.
 */
public final class ProcessCommandRunner implements CommandRunner {
  /** Output captured at most, stdout and stderr together: 64 MiB. */
  public static final long DEFAULT_OUTPUT_LIMIT = 64L << 20;

  /** Where the firewall tools are on Debian and most other distributions. */
  private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/sbin"));

  /** How long a process has to exit after SIGTERM before it gets SIGKILL. */
  private static final long TERM_GRACE_MILLIS = 2_000;

  static final ProcessCommandRunner DEFAULT = new ProcessCommandRunner();

  private final List<Path> searchPath;
  private final long outputLimit;

  /** A runner that searches {@code PATH}, then /usr/sbin and /sbin; the default output limit. */
  public ProcessCommandRunner() {
    this(defaultSearchPath(System.getenv("PATH")), DEFAULT_OUTPUT_LIMIT);
  }

  private ProcessCommandRunner(List<Path> searchPath, long outputLimit) {
    this.searchPath = searchPath;
    this.outputLimit = outputLimit;
  }

  /**
   * This runner with another output limit.
   *
   * @param bytes the most bytes of stdout and stderr together to capture; positive
   */
  public ProcessCommandRunner withOutputLimit(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("output limit must be positive, not " + bytes);
    }
    return new ProcessCommandRunner(searchPath, bytes);
  }

  /**
   * This runner looking for programs only in {@code dirs}, in order. Relative directories are
   * refused: they would be resolved against whatever the working directory happens to be.
   */
  public ProcessCommandRunner withSearchPath(List<Path> dirs) {
    for (Path dir : dirs) {
      if (!dir.isAbsolute()) {
        throw new IllegalArgumentException("search path entries must be absolute, not " + dir);
      }
    }
    return new ProcessCommandRunner(List.copyOf(dirs), outputLimit);
  }

  /** The directories searched for programs, in order. */
  public List<Path> searchPath() {
    return searchPath;
  }

  /** The most bytes of stdout and stderr together that a run captures. */
  public long outputLimit() {
    return outputLimit;
  }

  /** {@code PATH}'s absolute entries, then /usr/sbin and /sbin, without repeats. */
  static List<Path> defaultSearchPath(String pathVariable) {
    Set<Path> dirs = new LinkedHashSet<>();
    if (pathVariable != null) {
      for (String entry : pathVariable.split(File.pathSeparator)) {
        // An empty or relative entry means the working directory; a privileged process must
        // never run a program from there.
        if (!entry.isEmpty() && Path.of(entry).isAbsolute()) {
          dirs.add(Path.of(entry).normalize());
        }
      }
    }
    dirs.addAll(SYSTEM_DIRS);
    return List.copyOf(dirs);
  }

  /**
   * The absolute path of {@code program}: the first executable regular file of that name in the
   * search path.
   *
   * @throws CommandNotFoundException naming the program, where it was looked for and, for the tools
   *     the backends use, the Debian package that provides it
   */
  public Path resolve(String program) throws CommandNotFoundException {
    return resolve(program, program);
  }

  /**
   * Which of {@code programs} are missing, in one sentence for an availability probe: the programs,
   * where they were looked for, and the {@code apt-get install} line that provides them; empty if
   * every one is found.
   */
  public Optional<String> missing(List<String> programs) {
    List<String> missing = new ArrayList<>();
    Set<String> packages = new TreeSet<>();
    for (String program : programs) {
      try {
        resolve(program);
      } catch (CommandNotFoundException e) {
        missing.add(program);
        e.debianPackage().ifPresent(packages::add);
      }
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.join(", ", missing) + " not found in "
        + searchPath.stream().map(Path::toString).collect(Collectors.joining(":"))
        + (packages.isEmpty() ? "" : "; install: apt-get install " + String.join(" ", packages)));
  }

  private Path resolve(String program, String commandLine) throws CommandNotFoundException {
    for (Path dir : searchPath) {
      Path candidate = dir.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new CommandNotFoundException(commandLine, program,
        searchPath.stream().map(Path::toString).collect(Collectors.joining(":")));
  }

  @Override
  public CommandResult run(Command command) throws IOException {
    String shown = command.toString();
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted before running " + shown);
    }
    List<String> argv = new ArrayList<>(command.argv());
    List<String> wrapper = command.wrapper();
    if (!wrapper.isEmpty()) {
      argv.set(0, resolve(wrapper.get(0), shown).toString());
    }
    argv.set(wrapper.size(), resolve(command.program(), shown).toString());

    ProcessBuilder builder = new ProcessBuilder(argv);
    Map<String, String> env = builder.environment();
    // Nothing of ours is inherited: the parent's environment may hold the APIBAN key.
    env.clear();
    env.put("PATH", searchPath.stream().map(Path::toString).collect(Collectors.joining(":")));
    env.put("LC_ALL", "C");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new CommandException(shown, "cannot start " + shown + ": " + e.getMessage(), e);
    }
    return new Execution(command, shown, process, outputLimit).await();
  }

  /** Kills {@code process} and what it started: SIGTERM, then SIGKILL; waits for the reaping. */
  static void kill(Process process) {
    // Collected first: once the parent is gone its children are re-parented and out of reach.
    List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    boolean interrupted = false;
    try {
      if (!process.waitFor(TERM_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(TERM_GRACE_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    }
    children.forEach(ProcessHandle::destroyForcibly);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "ProcessCommandRunner[outputLimit=" + outputLimit + ", searchPath=" + searchPath + "]";
  }
}
