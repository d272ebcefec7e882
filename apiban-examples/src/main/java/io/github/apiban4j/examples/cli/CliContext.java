package io.github.apiban4j.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a command reads and writes besides its options: injected so tests can run it in-process.
 *
 * @param env the environment variables
 * @param out standard output
 * @param err standard error
 * @param configSearch where a config file is looked for when {@code --config} is not given
 * @param clock the time source
 * @param terminal whether standard error is a terminal (progress is drawn in place there)
 */
record CliContext(Map<String, String> env, PrintStream out, PrintStream err,
    List<Path> configSearch, Clock clock, boolean terminal) {

  CliContext(Map<String, String> env, PrintStream out, PrintStream err) {
    this(env, out, err, defaultConfigSearch(env), Clock.systemUTC(), false);
  }

  /**
   * Where the official APIBAN clients look for their {@code config.json}, in their order:
   * {@code ~/.config/apiban/}, {@code /etc/apiban/}, the working directory,
   * {@code /usr/local/bin/apiban/}.
   */
  static List<Path> defaultConfigSearch(Map<String, String> env) {
    List<Path> paths = new ArrayList<>();
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    if (home != null && !home.isBlank()) {
      paths.add(Path.of(home, ".config", "apiban", "config.json"));
    }
    paths.add(Path.of("/etc/apiban/config.json"));
    paths.add(Path.of("config.json"));
    paths.add(Path.of("/usr/local/bin/apiban/config.json"));
    return List.copyOf(paths);
  }
}
