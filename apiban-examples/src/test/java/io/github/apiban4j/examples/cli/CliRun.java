package io.github.apiban4j.examples.cli;

import com.squareup.moshi.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Runs the CLI in-process with a given environment, no config file search (unless given) and
 * captured output.
 *
 * @param exitCode the exit status
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Map<String, String> env, List<Path> configSearch, Clock clock, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    CliContext context = new CliContext(env, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), configSearch, clock, false);
    int code = Main.run(args, context);
    return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  static CliRun run(Map<String, String> env, String... args) {
    return run(env, List.of(), Clock.systemUTC(), args);
  }

  /** The last line of standard output, parsed as a JSON object. */
  Map<String, Object> json() throws IOException {
    return parseObject(lastLine());
  }

  String lastLine() {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1];
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text) throws IOException {
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(text))) {
      return (Map<String, Object>) r.readJsonValue();
    }
  }
}
