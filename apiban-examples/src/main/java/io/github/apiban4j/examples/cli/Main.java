package io.github.apiban4j.examples.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code apiban} command: {@code java -jar apiban.jar sync [options]}. */
@Command(name = "apiban", mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Keeps the APIBAN blocklist of SIP attackers in the Linux firewall.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  apiban demo                          # offline, no root: see what it does",
        "  apiban sync --backend nftables       # once, e.g. from a timer (key in APIBAN_KEY)",
        "  apiban daemon --metrics 127.0.0.1:9464",
        "  apiban status; apiban check 198.51.100.7; apiban doctor",
        "",
        "Every command takes --help. Durations are written 30s, 5m, 1h, 7d.",
        "Exit status: 0 done; 75 temporary failure or stopped early (progress kept); 77 no "
            + "permission or bad key; 69 backend unavailable; 78 bad configuration; 64 bad usage;"
            + " 1 anything else (check: not banned; status, doctor: a problem was found)."},
    subcommands = {DemoCommand.class, SyncCommand.class, StatusCommand.class, CheckCommand.class,
        ListCommand.class, OverrideCommand.UnbanCommand.class, OverrideCommand.PinCommand.class,
        RestoreCommand.class, UninstallCommand.class, DoctorCommand.class, DaemonCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
  private final CliContext context;

  private Main(CliContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    // One plain line per log record on stderr, e.g. "WARNING: key file ... is readable by others".
    System.setProperty("java.util.logging.SimpleFormatter.format", "apiban: %4$s: %5$s%6$s%n");
    CliContext context = new CliContext(System.getenv(), System.out, System.err,
        CliContext.defaultConfigSearch(System.getenv()), java.time.Clock.systemUTC(),
        stderrIsTerminal(System.getenv(), java.nio.file.Path.of("/proc/self/fd/2")));
    System.exit(run(args, context));
  }

  /**
   * Whether standard error is a terminal, read from where {@code fd2} (the process's descriptor
   * 2 in /proc) points. {@link System#console()} would ask about standard input and output
   * instead, and draw progress into a log that only standard error was sent to.
   */
  static boolean stderrIsTerminal(Map<String, String> env, java.nio.file.Path fd2) {
    if ("dumb".equals(env.get("TERM"))) {
      return false;
    }
    try {
      String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return System.console() != null; // no /proc: the best guess left
    }
  }

  /** Runs the CLI with the given environment and streams; returns the exit status. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, new CliContext(env, out, err));
  }

  /** Runs the CLI in {@code context}; returns the exit status. */
  static int run(String[] args, CliContext context) {
    return commandLine(context).execute(args);
  }

  /** The command line with every command, writing to {@code context}'s streams. */
  static CommandLine commandLine(CliContext context) {
    PrintStream out = context.out();
    PrintStream err = context.err();
    CommandLine cli = new CommandLine(new Main(context), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        // Commands take the context; everything else is picocli's.
        try {
          return type.cast(type.getDeclaredConstructor(CliContext.class).newInstance(context));
        } catch (NoSuchMethodException e) {
          return CommandLine.defaultFactory().create(type);
        }
      }
    });
    cli.setOverwrittenOptionsAllowed(true); // a later option wins, e.g. over a wrapper script's
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, ignored) -> {
      err.println("apiban: " + (e instanceof CommandLine.UnmatchedArgumentException u
          ? describeUnmatched(u.getUnmatched())
          : e.getMessage()));
      err.println("Try 'apiban " + (e.getCommandLine() == cli ? "" : e.getCommandLine().getCommandName() + " ")
          + "--help'.");
      return ExitCode.USAGE;
    });
    return cli;
  }

  /**
   * Names unknown options, but not other stray arguments: one may be a key pasted onto the command
   * line, and this message goes to logs.
   */
  static String describeUnmatched(java.util.List<String> unmatched) {
    java.util.List<String> options = unmatched.stream()
        .filter(a -> a.matches("--?[a-z][a-z0-9-]{0,40}")).toList();
    int others = unmatched.size() - options.size();
    String text = options.isEmpty() ? "" : "unknown option(s) " + String.join(", ", options);
    if (others > 0) {
      text += (text.isEmpty() ? "" : "; ") + others + " unexpected argument(s), not repeated here"
          + " as one may be a secret";
    }
    return text;
  }

  @Override
  public Integer call() {
    context.err().println("apiban: a command is needed, e.g. 'apiban sync'. Try 'apiban --help'.");
    return ExitCode.USAGE;
  }

  /** The version from apiban-core's build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
      var props = new java.util.Properties();
      try (var in = Main.class.getResourceAsStream("/io/github/apiban4j/version.properties")) {
        if (in != null) {
          props.load(in);
        }
      }
      return new String[] {"apiban4j " + props.getProperty("version", "unknown")};
    }
  }
}
