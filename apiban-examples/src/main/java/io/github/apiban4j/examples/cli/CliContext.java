package io.github.apiban4j.examples.cli;

import java.io.PrintStream;
import java.util.Map;

/** What a command reads and writes besides its options: injected so tests can run it in-process. */
record CliContext(Map<String, String> env, PrintStream out, PrintStream err) {}
