package io.github.apiban4j.examples.cli;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.FirewallBackends;
import io.github.apiban4j.SyncOptions;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.client.ApiVersion;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.client.Dataset;
import io.github.apiban4j.internal.Durations;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apiban sync}: one run of the sync, then exit with a status a scheduler can act on. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Fetches new APIBAN bans from the stored cursor, applies them to the firewall backend and "
            + "stores the cursor. Repairs the backend from local state first.",
        "The key comes from --key-file, the APIBAN_KEY environment variable or the config file; "
            + "never from an argument.",
        "Exit status: 0 done; 75 stopped early or temporary failure (progress kept); 77 no "
            + "permission or bad key; 69 backend unavailable; 78 bad configuration; 64 bad usage; "
            + "1 anything else."})
final class SyncCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "JSON configuration, or an official APIBAN client's config.json unchanged")
  Path config;

  @Option(names = "--state", paramLabel = "FILE",
      description = "State file (default /var/lib/apiban4j/state.json as root, else under "
          + "$XDG_STATE_HOME or ~/.local/state)")
  Path state;

  @Option(names = "--backend", paramLabel = "NAME",
      description = "Firewall backend: memory, nftables, iptables, ipset-netlink, or auto (the "
          + "best available kernel backend; never memory). Default: auto")
  String backend;

  @Option(names = "--backend-option", paramLabel = "KEY=VALUE",
      description = "Option handed to the backend (repeatable)")
  Map<String, String> backendOptions = new LinkedHashMap<>();

  @Option(names = "--api-url", paramLabel = "URL",
      description = "APIBAN base URL (default https://apiban.org/api/); plain http only to loopback")
  String apiUrl;

  @Option(names = "--api", paramLabel = "v1|v2", description = "API version (default v2)")
  String api;

  @Option(names = "--set", paramLabel = "sip|http|all", description = "Dataset (default sip)")
  String set;

  @Option(names = "--allow", paramLabel = "CIDR",
      description = "Never block this address or prefix (repeatable; adds to the config's list)")
  List<String> allow = new ArrayList<>();

  @Option(names = "--ttl", paramLabel = "DURATION",
      description = "How long an address stays after it was last seen, e.g. 7d (default 7d)")
  String ttl;

  @Option(names = "--rate-limit", paramLabel = "N/SECONDS",
      description = "Requests allowed per window, e.g. 11/120 (default); 0 turns pacing off")
  String rateLimit;

  @Option(names = "--key-file", paramLabel = "FILE", description = "File holding the APIBAN key")
  Path keyFile;

  @Option(names = "--full", description = "Read the whole feed again (never empties the set)")
  boolean full;

  @Option(names = "--dry-run", description = "Compute and report everything; change nothing")
  boolean dryRun;

  @Option(names = "--force", description = "Apply even what a safety valve refuses")
  boolean force;

  @Option(names = "--json", description = "Print the summary as one JSON object on stdout")
  boolean json;

  @Option(names = {"--key", "--api-key", "--apikey"}, hidden = true, paramLabel = "KEY")
  String keyOnCommandLine;

  private final CliContext context;

  SyncCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (keyOnCommandLine != null) {
      keyOnCommandLine = null;
      context.err().println("apiban: the key is never accepted as an argument: every user of the "
          + "machine can read process arguments. Use --key-file FILE, the APIBAN_KEY environment "
          + "variable or the config file.");
      return ExitCode.USAGE;
    }
    String backendName = backend == null ? "auto" : backend;
    try {
      ConfigFile file = config == null ? null : ConfigFile.read(config);
      if (backend == null && file != null && file.backend().isPresent()) {
        backendName = file.backend().get();
      }
      ApibanClient client = client(file);
      Allowlist allowlist = allowlist(file);
      Map<String, String> options = new LinkedHashMap<>();
      if (file != null) {
        options.putAll(file.backendOptions());
      }
      options.putAll(backendOptions);
      try (FirewallBackend target = backend(backendName, BackendConfig.of(options));
          BlocklistSync sync = BlocklistSync.builder()
              .client(client)
              .backend(target)
              .stateFile(statePath(file))
              .allowlist(allowlist)
              .ttl(duration("--ttl", ttl, file == null ? Optional.empty() : file.ttl(),
                  Duration.ofDays(7)))
              .fullSyncInterval(duration("fullSyncInterval", null,
                  file == null ? Optional.empty() : file.fullSyncInterval(), Duration.ofDays(1)))
              .initialCursor(file == null ? null : file.official().lkid().orElse(null))
              .build()) {
        SyncResult result = sync.run(new SyncOptions(full, dryRun, force));
        context.out().println(json ? JsonReport.of(result) : result.summary());
        return ExitCode.of(result);
      }
    } catch (Exception e) {
      int code = ExitCode.of(e);
      context.err().println("apiban: " + describe(e));
      if (json) {
        context.out().println(JsonReport.error(describe(e), code, backendName, dryRun));
      }
      return code;
    }
  }

  private ApibanClient client(ConfigFile file) throws Exception {
    ApibanClient.Builder b = ApibanClient.builder().apiKey(key(file));
    Optional<String> url = first(apiUrl, file == null ? Optional.empty() : file.apiUrl());
    if (url.isPresent()) {
      b.baseUrl(url.get());
    }
    Optional<String> version = first(api, file == null ? Optional.empty() : file.api());
    if (version.isPresent()) {
      b.apiVersion(switch (version.get().toLowerCase(Locale.ROOT)) {
        case "v1", "1" -> ApiVersion.V1;
        case "v2", "2" -> ApiVersion.V2;
        default -> throw new ConfigException("--api must be v1 or v2, not '" + version.get() + "'");
      });
    }
    Optional<String> dataset = first(set, file == null ? Optional.empty() : file.official().set());
    if (dataset.isPresent()) {
      b.dataset(Dataset.parse(dataset.get()));
    }
    Optional<String> limit = first(rateLimit, file == null ? Optional.empty() : file.rateLimit());
    if (limit.isPresent()) {
      String text = limit.get().trim();
      if (text.equals("0")) {
        b.rateLimit(0, Duration.ofMinutes(2));
      } else {
        String[] parts = text.split("/");
        try {
          if (parts.length != 2) {
            throw new NumberFormatException();
          }
          b.rateLimit(Integer.parseInt(parts[0]), Duration.ofSeconds(Long.parseLong(parts[1])));
        } catch (NumberFormatException e) {
          throw new ConfigException("--rate-limit must be N/SECONDS such as 11/120, or 0 for no "
              + "pacing; not '" + text + "'");
        }
      }
    }
    return b.build();
  }

  /** The key from --key-file, then APIBAN_KEY, then the config's key file, then its key. */
  private ApiKey key(ConfigFile file) throws Exception {
    if (keyFile != null) {
      return ApiKey.fromFile(keyFile);
    }
    Optional<ApiKey> fromEnv = ApiKey.fromEnvironment(context.env());
    if (fromEnv.isPresent()) {
      return fromEnv.get();
    }
    if (file != null && file.keyFile().isPresent()) {
      return ApiKey.fromFile(Path.of(file.keyFile().get()));
    }
    if (file != null && file.official().apiKey().isPresent()) {
      return file.official().apiKey().get();
    }
    throw new ConfigException("no APIBAN key: give --key-file FILE, set APIBAN_KEY, or put it in "
        + "the config file (get a key at https://apiban.org/getkey.html)");
  }

  private Allowlist allowlist(ConfigFile file) throws ConfigException {
    Allowlist.Builder b = Allowlist.builder();
    List<String> ranges = new ArrayList<>(file == null ? List.of() : file.allow());
    ranges.addAll(allow);
    for (String range : ranges) {
      try {
        b.allow(IpPrefix.parse(range));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--allow " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  private static FirewallBackend backend(String name, BackendConfig config) throws Exception {
    return name.equals("auto")
        ? FirewallBackends.createBest(config)
        : FirewallBackends.create(name, config);
  }

  private Path statePath(ConfigFile file) {
    if (state != null) {
      return state;
    }
    if (file != null && file.state().isPresent()) {
      return Path.of(file.state().get());
    }
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/var/lib/apiban4j/state.json");
    }
    String xdg = context.env().get("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("apiban4j").resolve("state.json");
  }

  private static Duration duration(String name, String option, Optional<String> fromFile,
      Duration fallback) throws ConfigException {
    Optional<String> text = first(option, fromFile);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Durations.parse(text.get());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> first(String option, Optional<String> fromFile) {
    return option != null ? Optional.of(option) : fromFile;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
