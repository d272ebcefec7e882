package io.github.apiban4j.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The connection, state and backend options every command shares, in one place. Each one also has
 * a config file key; the option wins over the file.
 */
final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "JSON configuration, or an official APIBAN client's config.json unchanged "
          + "(default: the first of ~/.config/apiban/config.json, /etc/apiban/config.json, "
          + "./config.json, /usr/local/bin/apiban/config.json that exists)")
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
      description = "Option handed to the backend (repeatable), e.g. namespace=edge")
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

  @Option(names = "--log", paramLabel = "FILE",
      description = "Append one timestamped line per event (sync result, additions, removals and "
          + "refusals with their reasons, errors) to FILE")
  Path log;

  /** Caught so that it can be refused with a reason, never used. */
  @Option(names = {"--key", "--api-key", "--apikey"}, hidden = true, paramLabel = "KEY")
  String keyOnCommandLine;
}
