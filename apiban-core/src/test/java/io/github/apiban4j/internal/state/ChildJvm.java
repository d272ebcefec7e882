package io.github.apiban4j.internal.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a second JVM on this test class path, for what one process cannot show about itself. */
final class ChildJvm {
  private ChildJvm() {}

  /** The command line: {@code prefix}, then java running {@code main} with {@code args}. */
  static ProcessBuilder builder(List<String> prefix, Class<?> main, String... args) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /** Runs to the end; returns stdout and stderr together, trimmed. */
  static String run(List<String> prefix, Class<?> main, String... args)
      throws IOException, InterruptedException {
    Process p = builder(prefix, main, args).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not end: " + out);
    }
    return out;
  }
}
