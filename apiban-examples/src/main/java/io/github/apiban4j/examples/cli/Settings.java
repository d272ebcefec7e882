package io.github.apiban4j.examples.cli;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.FirewallBackends;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.client.ApiVersion;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.client.Dataset;
import io.github.apiban4j.internal.Durations;
import io.github.apiban4j.internal.sync.Enforcement;
import io.github.apiban4j.spi.BackendConfig;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options of one command resolved against the config file and the environment: an option
 * wins over the file, the file over the default. A bad value is an error naming where it came
 * from (the option or the file's key).
 */
final class Settings {
  static final Duration DEFAULT_TTL = Duration.ofDays(7);

  private final CommonOptions o;
  private final CliContext context;
  private final ConfigFile file;

  private Settings(CommonOptions o, CliContext context, ConfigFile file) {
    this.o = o;
    this.context = context;
    this.file = file;
  }

  /**
   * Reads the config file ({@code --config}, or the first that exists where the official clients
   * look) and prints its warnings.
   *
   * @throws ConfigException if the key was given as an argument, or the file is invalid
   */
  static Settings resolve(CommonOptions o, CliContext context) throws ConfigException, IOException {
    if (o.keyOnCommandLine != null) {
      o.keyOnCommandLine = null;
      throw new UsageException("the key is never accepted as an argument: every user of the "
          + "machine can read process arguments. Use --key-file FILE, the APIBAN_KEY environment "
          + "variable or the config file.");
    }
    Path path = o.config;
    if (path == null) {
      path = context.configSearch().stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }
    ConfigFile file = path == null ? null : ConfigFile.read(path);
    if (file != null) {
      file.warnings().forEach(w -> context.err().println("apiban: warning: " + w));
    }
    Settings settings = new Settings(o, context, file);
    // Every value is checked now, whichever of them the command goes on to use.
    settings.ttl();
    settings.fullSyncInterval();
    settings.allowlist();
    settings.clientBuilder();
    return settings;
  }

  /** The config file read, if any. */
  Optional<Path> configFile() {
    return file == null ? Optional.empty() : Optional.of(file.path());
  }

  private Optional<String> fromFile(java.util.function.Function<ConfigFile, Optional<String>> key) {
    return file == null ? Optional.empty() : key.apply(file);
  }

  private String where(String option, String key) {
    return file == null ? option : option + " (or config key " + key + ")";
  }

  /** Whether a key is available (an argument, the environment or the config file). */
  boolean hasKey() {
    return o.keyFile != null || ApiKey.fromEnvironment(context.env()).isPresent()
        || file != null && (file.keyFile().isPresent() || file.official().apiKey().isPresent());
  }

  /** The key from --key-file, then APIBAN_KEY, then the config's key file, then its key. */
  ApiKey key() throws ConfigException, IOException {
    try {
      if (o.keyFile != null) {
        return ApiKey.fromFile(o.keyFile);
      }
      Optional<ApiKey> fromEnv = ApiKey.fromEnvironment(context.env());
      if (fromEnv.isPresent()) {
        return fromEnv.get();
      }
      if (file != null && file.keyFile().isPresent()) {
        return ApiKey.fromFile(Path.of(file.keyFile().get()));
      }
    } catch (IllegalArgumentException e) {
      // An empty key file or a key with a stray character; the message never quotes the key.
      throw new ConfigException(e.getMessage(), e);
    }
    if (file != null && file.official().apiKey().isPresent()) {
      return file.official().apiKey().get();
    }
    throw new ConfigException("no APIBAN key: give --key-file FILE, set APIBAN_KEY, or put it in "
        + "the config file (get a key at https://apiban.org/getkey.html)");
  }

  /** The APIBAN client. */
  ApibanClient client() throws ConfigException, IOException {
    return clientBuilder().apiKey(key()).build();
  }

  /** The client's settings without the key: base URL, version, dataset, pacing. */
  ApibanClient.Builder clientBuilder() throws ConfigException {
    ApibanClient.Builder b = ApibanClient.builder();
    Optional<String> url = first(o.apiUrl, fromFile(ConfigFile::apiUrl));
    if (url.isPresent()) {
      try {
        b.baseUrl(url.get());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where("--api-url", "apiUrl") + ": " + e.getMessage(), e);
      }
    }
    Optional<String> version = first(o.api, fromFile(ConfigFile::api));
    if (version.isPresent()) {
      b.apiVersion(switch (version.get().toLowerCase(Locale.ROOT)) {
        case "v1", "1" -> ApiVersion.V1;
        case "v2", "2" -> ApiVersion.V2;
        default -> throw new ConfigException(where("--api", "api") + " must be v1 or v2, not '"
            + version.get() + "'");
      });
    }
    Optional<String> dataset = first(o.set, fromFile(f -> f.official().set()));
    if (dataset.isPresent()) {
      try {
        b.dataset(Dataset.parse(dataset.get()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where("--set", "set") + ": " + e.getMessage(), e);
      }
    }
    Optional<String> limit = first(o.rateLimit, fromFile(ConfigFile::rateLimit));
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
        } catch (IllegalArgumentException e) {
          throw new ConfigException(where("--rate-limit", "rateLimit") + " must be N/SECONDS such"
              + " as 11/120, or 0 for no pacing; not '" + text + "'");
        }
      }
    }
    return b;
  }

  /** The allowlist: the built-in ranges, this host's addresses, the config's and --allow ranges. */
  Allowlist allowlist() throws ConfigException {
    Allowlist.Builder b = Allowlist.builder();
    List<String> ranges = new ArrayList<>(file == null ? List.of() : file.allow());
    ranges.addAll(o.allow);
    for (String range : ranges) {
      try {
        b.allow(IpPrefix.parse(range));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where("--allow", "allow") + " " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  /** The backend's name as configured: {@code auto} unless set. */
  String backendName() {
    return first(o.backend, fromFile(ConfigFile::backend)).orElse("auto");
  }

  /** The backend options: the config's, then --backend-option. */
  BackendConfig backendConfig() {
    Map<String, String> options = new LinkedHashMap<>();
    if (file != null) {
      options.putAll(file.backendOptions());
    }
    options.putAll(o.backendOptions);
    return BackendConfig.of(options);
  }

  /** Creates the configured backend; nothing changes in the kernel until it is prepared. */
  FirewallBackend openBackend() throws Exception {
    String name = backendName();
    try {
      return name.equals("auto")
          ? FirewallBackends.createBest(backendConfig())
          : FirewallBackends.create(name, backendConfig());
    } catch (IllegalArgumentException e) {
      // Backends refuse a bad option value this way, and the message names the option.
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** The state file. */
  /** Root's state file, the one the systemd units name too. */
  static final Path ROOT_STATE = Path.of("/var/lib/apiban4j/state.json");

  Path statePath() {
    if (o.state != null) {
      return o.state;
    }
    Optional<String> configured = fromFile(ConfigFile::state);
    if (configured.isPresent()) {
      return Path.of(configured.get());
    }
    if ("root".equals(System.getProperty("user.name"))) {
      return ROOT_STATE;
    }
    String xdg = context.env().get("XDG_STATE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("apiban4j").resolve("state.json");
  }

  Duration ttl() throws ConfigException {
    return positive(where("--ttl", "ttl"),
        duration(where("--ttl", "ttl"), first(o.ttl, fromFile(ConfigFile::ttl)), DEFAULT_TTL));
  }

  Duration fullSyncInterval() throws ConfigException {
    return positive("config key fullSyncInterval", duration("config key fullSyncInterval",
        fromFile(ConfigFile::fullSyncInterval), Duration.ofDays(1)));
  }

  private static Duration positive(String name, Duration d) throws ConfigException {
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(name + " must be longer than 0, not " + Durations.format(d));
    }
    return d;
  }

  /** The daemon's interval: {@code option}, else the config's {@code interval}, else 5 minutes. */
  Duration interval(String option) throws ConfigException {
    Duration d = duration(where("--interval", "interval"),
        first(option, fromFile(ConfigFile::interval)), Duration.ofMinutes(5));
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException(where("--interval", "interval") + " must be at least 1s");
    }
    return d;
  }

  /** Where the daemon serves metrics: {@code option}, else the config's {@code metrics}. */
  Optional<String> metrics(String option) {
    return first(option, fromFile(ConfigFile::metrics));
  }

  /** The event log file: --log, else the config's {@code log}. */
  Optional<Path> log() {
    return o.log != null ? Optional.of(o.log) : fromFile(ConfigFile::log).map(Path::of);
  }

  /** An official client's LKID, to seed the cursor of a new state. */
  String initialCursor() {
    return file == null ? null : file.official().lkid().orElse(null);
  }

  /** What the state enforces, decided as the sync decides it. */
  Enforcement enforcement() throws ConfigException {
    Duration ttl = ttl();
    return new Enforcement(ttl, Enforcement.defaultSpread(ttl), allowlist());
  }

  /** A sync of {@code backend} from {@code client} (or, if null, from local state only). */
  BlocklistSync.Builder sync(FirewallBackend backend, ApibanClient client) throws ConfigException {
    BlocklistSync.Builder b = BlocklistSync.builder()
        .backend(backend)
        .stateFile(statePath())
        .allowlist(allowlist())
        .ttl(ttl())
        .fullSyncInterval(fullSyncInterval())
        .clock(context.clock());
    if (client != null) {
      b.client(client).initialCursor(initialCursor());
    }
    return b;
  }

  private static Duration duration(String name, Optional<String> text, Duration fallback)
      throws ConfigException {
    return text.isEmpty() ? fallback : duration(name, text.get());
  }

  /** {@code text} as a duration ({@code 30s}, {@code 5m}, {@code 7d}); a bad one names {@code name}. */
  static Duration duration(String name, String text) throws ConfigException {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> first(String option, Optional<String> fromFile) {
    return option != null ? Optional.of(option) : fromFile;
  }
}
