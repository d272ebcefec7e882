package io.github.apiban4j.examples.cli;

import com.squareup.moshi.JsonWriter;
import io.github.apiban4j.FirewallBackends;
import io.github.apiban4j.internal.LinuxHost;
import io.github.apiban4j.spi.BackendStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apiban doctor}: what can run here and what else on the host touches the firewall. */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Checks backends, capabilities and firewall neighbours; changes nothing.",
    description = {
        "Checks, without changing anything: each backend's availability and the reason; whether "
            + "this process holds CAP_NET_ADMIN; which iptables variant is installed and whether "
            + "rules exist in iptables-legacy, in nf_tables or in both; whether Docker, firewalld "
            + "or ufw is present and what that means for the hook; the configured backend's hook "
            + "and its warnings (such as a rule ahead of it that accepts established traffic); "
            + "the config file, the key and the state file."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  apiban doctor",
        "  apiban doctor --backend nftables --json",
        "",
        "Exit status: 0 no problem found; 1 a problem is listed; 64 bad usage."})
final class DoctorCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--json", description = "Print one JSON object on stdout")
  boolean json;

  private final CliContext context;
  private final HostChecks host;

  DoctorCommand(CliContext context) {
    this(context, HostChecks.system());
  }

  DoctorCommand(CliContext context, HostChecks host) {
    this.context = context;
    this.host = host;
  }

  /**
   * One finding.
   *
   * @param topic what was checked
   * @param finding what was found
   * @param meaning what it means for apiban, or empty
   * @param problem whether it stops apiban from working as configured
   */
  record Item(String topic, String finding, String meaning, boolean problem) {}

  @Override
  public Integer call() {
    try {
      Settings settings = Settings.resolve(options, context);
      List<Item> items = new ArrayList<>();
      backends(items, settings);
      Optional<String> cap = LinuxHost.netAdminProblem();
      items.add(new Item("CAP_NET_ADMIN", cap.orElse("held"),
          cap.isPresent() ? "kernel backends cannot change the firewall from this process" : "",
          false));
      neighbours(items);
      configured(items, settings);
      if (json) {
        context.out().println(JsonReport.write(w -> writeJson(w, items)));
      } else {
        print(context.out(), items);
      }
      return items.stream().anyMatch(Item::problem) ? ExitCode.SOFTWARE : ExitCode.OK;
    } catch (Exception e) {
      return Failure.report(context, e);
    }
  }

  private static void backends(List<Item> items, Settings settings) {
    String configured = settings.backendName();
    for (FirewallBackends.Candidate c : FirewallBackends.candidates()) {
      boolean chosen = c.name().equals(configured);
      items.add(new Item("backend " + c.name(), c.availability().toString(),
          chosen ? "configured" : "", chosen && !c.availability().available()));
    }
  }

  private void neighbours(List<Item> items) {
    String variant = host.firstLine("iptables", "--version");
    items.add(new Item("iptables", variant, variant.contains("nf_tables")
        ? "the iptables command writes nf_tables rules (iptables-nft)"
        : variant.contains("legacy") ? "the iptables command writes legacy x_tables rules" : "",
        false));
    List<String> legacy = host.legacyTables();
    Optional<List<String>> nft = host.nftTables();
    items.add(new Item("iptables-legacy tables loaded", legacy.isEmpty() ? "none"
        : String.join(", ", legacy), "", false));
    items.add(new Item("nftables tables", nft.map(t -> t.isEmpty() ? "none" : String.join(", ", t))
        .orElse("unknown (nft missing, or no permission to list)"), "", false));
    if (!legacy.isEmpty() && nft.map(t -> !t.isEmpty()).orElse(false)) {
      items.add(new Item("legacy and nf_tables", "both hold tables",
          "the kernel runs both rule sets and each tool shows only its own: a packet dropped by one "
              + "is never seen by the other; inspect with both iptables-legacy and nft when "
              + "debugging", false));
    }
    if (host.docker()) {
      items.add(new Item("Docker", "present", "Docker adds its own rules and rewrites them when it "
          + "restarts; traffic to published container ports is forwarded, not delivered to the "
          + "host, so only a hook before routing (the default) or on forward covers containers",
          false));
    }
    String firewalld = host.firewalld();
    if (!firewalld.equals("absent")) {
      items.add(new Item("firewalld", firewalld, "a firewalld reload can remove rules other "
          + "programs added: 'apiban daemon' checks and repairs the hook on every tick, a timer "
          + "on its next run", false));
    }
    String ufw = host.ufw();
    if (!ufw.equals("absent")) {
      items.add(new Item("ufw", ufw, "ufw rebuilds its rules on enable, disable and reset: "
          + "'apiban daemon' checks and repairs the hook on every tick, a timer on its next run",
          false));
    }
  }

  private void configured(List<Item> items, Settings settings) throws IOException {
    items.add(new Item("config file", settings.configFile().map(Object::toString)
        .orElse("none (options and environment only)"), "", false));
    items.add(new Item("key", settings.hasKey() ? "available" : "none",
        settings.hasKey() ? "" : "sync and daemon need one: --key-file, APIBAN_KEY or the config"
            + " file", false));
    LocalState state = LocalState.read(settings.statePath());
    items.add(new Item("state file", state.problem().orElse(settings.statePath() + ", readable"),
        "", false));
    KernelView kernel = KernelView.read(settings);
    if (kernel.problem().isPresent()) {
      items.add(new Item("hook", "cannot ask backend " + kernel.backend(), kernel.problem().get(),
          true));
      return;
    }
    BackendStatus s = kernel.status().orElseThrow();
    items.add(new Item("hook", s.hook().name().toLowerCase(Locale.ROOT) + " (" + kernel.backend()
        + ")", s.hookDetail(), s.hook() == BackendStatus.Hook.MISSING));
    for (String warning : s.warnings()) {
      items.add(new Item("warning", warning, "", true));
    }
  }

  private static void print(PrintStream out, List<Item> items) {
    for (Item i : items) {
      out.println((i.problem() ? "PROBLEM " : "") + i.topic() + ": " + i.finding());
      if (!i.meaning().isEmpty()) {
        out.println("    " + i.meaning());
      }
    }
    long problems = items.stream().filter(Item::problem).count();
    out.println(problems == 0 ? "no problem found" : problems + " problem(s) found");
  }

  private static void writeJson(JsonWriter w, List<Item> items) throws IOException {
    w.name("problems").value(items.stream().filter(Item::problem).count());
    w.name("items").beginArray();
    for (Item i : items) {
      w.beginObject().name("topic").value(i.topic()).name("finding").value(i.finding())
          .name("meaning").value(i.meaning()).name("problem").value(i.problem()).endObject();
    }
    w.endArray();
  }
}
