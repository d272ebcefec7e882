package io.github.apiban4j.examples.cli;

import com.squareup.moshi.JsonWriter;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.Durations;
import io.github.apiban4j.internal.state.StoredState;
import io.github.apiban4j.internal.sync.Enforcement;
import io.github.apiban4j.spi.BackendStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apiban status}: the state, the backend and how far apart they are. Changes nothing. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Shows the cursor, last success, desired vs enforced entries, drift, hook.",
    description = {
        "Shows the cursor, the last successful sync and its age (with a warning when it is "
            + "stale), the entries the local state wants against those the backend holds, per "
            + "family, the drift between them, whether the backend's hook is in place, the "
            + "operator's unbans and pins, and the backend's drop counters where it has them. "
            + "Reads only; never sends a request."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  apiban status",
        "  apiban status --json | jq .drift",
        "  apiban status --stale-after 30m && echo healthy",
        "",
        "Exit status: 0 healthy; 1 a problem is shown (stale, drift, hook missing, no state, the "
            + "backend cannot be read); 64 bad usage; 78 bad configuration."})
final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--stale-after", paramLabel = "DURATION",
      description = "Warn when the last successful sync is older than this (default 1h)")
  String staleAfter = "1h";

  @Option(names = "--json", description = "Print one JSON object on stdout")
  boolean json;

  private final CliContext context;

  StatusCommand(CliContext context) {
    this.context = context;
  }

  /** Entries by family. */
  record Counts(int ipv4, int ipv6) {
    static Counts of(AddressSet set) {
      return new Counts(set.ipv4().size(), set.ipv6().size());
    }

    int total() {
      return ipv4 + ipv6;
    }
  }

  /** Of {@code extra}, the entries the state knows and refuses nothing of: expired, not yet removed. */
  private static AddressSet pendingExpiry(Enforcement enforcement, Optional<StoredState> state,
      AddressSet extra) {
    if (state.isEmpty()) {
      return AddressSet.empty();
    }
    AddressSet known = state.get().seen().entries();
    return extra.filter(e -> known.contains(e) && enforcement.refusal(state.get(), e).isEmpty());
  }

  @Override
  public Integer call() {
    try {
      Settings settings = Settings.resolve(options, context);
      Duration stale = Settings.duration("--stale-after", staleAfter);
      Instant now = context.clock().instant();
      LocalState local = LocalState.read(settings.statePath());
      KernelView kernel = KernelView.read(settings);
      Optional<StoredState> state = local.state();
      Enforcement enforcement = settings.enforcement();
      AddressSet desired = state.isPresent()
          ? enforcement.desired(state.get(), now) : AddressSet.empty();
      // What the kernel holds past its expiry is the next runs' budgeted work, not drift.
      Optional<Diff> drift = kernel.entries().map(k -> Diff.between(
          desired.union(pendingExpiry(enforcement, state, k.minus(desired))), k));
      List<String> problems = new ArrayList<>();
      local.problem().ifPresent(problems::add);
      Optional<Instant> lastSuccess = state.map(StoredState::lastSuccess);
      Optional<Duration> age = lastSuccess.map(t -> Duration.between(t, now));
      if (state.isPresent() && lastSuccess.isEmpty()) {
        problems.add("no sync has completed yet");
      }
      if (age.isPresent() && age.get().compareTo(stale) > 0) {
        problems.add("stale: the last successful sync was " + ago(age.get()) + " ago, more than "
            + Durations.format(stale) + "; is the timer or the daemon running? see its log");
      }
      kernel.problem().ifPresent(p -> problems.add("backend " + kernel.backend() + ": " + p));
      kernel.status().filter(s -> s.hook() == BackendStatus.Hook.MISSING).ifPresent(s ->
          problems.add("the hook is missing: nothing is dropped until 'apiban restore' or the "
              + "next sync puts it back"));
      drift.filter(d -> !d.isEmpty()).ifPresent(d -> problems.add("drift: the backend lacks "
          + d.toAdd().size() + " and holds " + d.toRemove().size() + " extra; the next sync (or"
          + " 'apiban restore') puts back what is missing and removes what is refused, but keeps"
          + " extra entries the state does not know for a TTL, as an interrupted run's"));
      kernel.status().ifPresent(s -> problems.addAll(s.warnings()));

      if (json) {
        context.out().println(JsonReport.write(w -> writeJson(w, settings, local, kernel, desired,
            drift, age, stale, problems)));
      } else {
        print(context.out(), local, kernel, desired, drift, age, problems);
      }
      return problems.isEmpty() ? ExitCode.OK : ExitCode.SOFTWARE;
    } catch (Exception e) {
      return Failure.report(context, e);
    }
  }


  static String ago(Duration d) {
    Duration s = d.truncatedTo(ChronoUnit.SECONDS);
    return s.isNegative() ? "in the future (clock skew)" : Durations.format(s);
  }

  private void print(PrintStream out, LocalState local, KernelView kernel, AddressSet desired,
      Optional<Diff> drift, Optional<Duration> age, List<String> problems) {
    Optional<StoredState> state = local.state();
    out.println("state:        " + local.path()
        + state.map(s -> " (feed " + s.feed() + ")").orElse(""));
    if (state.isPresent()) {
      StoredState s = state.get();
      out.println("cursor:       " + (s.cursor() == null ? "start of the feed" : s.cursor())
          + (s.fullSync() != null ? " (a full resync is under way at " + s.fullSync().cursor()
              + ")" : ""));
      out.println("last success: " + (s.lastSuccess() == null ? "never"
          : s.lastSuccess() + " (" + ago(age.orElseThrow()) + " ago)"));
      out.println("last full:    " + (s.lastFullSync() == null ? "never" : s.lastFullSync()));
      if (s.notBefore() != null) {
        out.println("rate limit:   no request before " + s.notBefore());
      }
    }
    out.println("backend:      " + kernel.backend() + kernel.status()
        .map(st -> ", hook " + st.hook().name().toLowerCase(Locale.ROOT) + ": " + st.hookDetail())
        .orElse(""));
    Counts want = Counts.of(desired);
    out.println("desired:      " + want.total() + " (IPv4 " + want.ipv4() + ", IPv6 "
        + want.ipv6() + ")");
    if (kernel.entries().isPresent()) {
      Counts held = Counts.of(kernel.entries().get());
      out.println("enforced:     " + held.total() + " (IPv4 " + held.ipv4() + ", IPv6 "
          + held.ipv6() + ")");
      out.println("drift:        " + drift.map(d -> d.isEmpty() ? "none"
          : d.toAdd().size() + " missing, " + d.toRemove().size() + " extra").orElseThrow());
    } else if (kernel.inProcessOnly()) {
      out.println("enforced:     not visible from here: the " + kernel.backend()
          + " backend holds its set inside the process that syncs");
    }
    kernel.status().flatMap(BackendStatus::drops).ifPresent(d -> out.println("dropped:      IPv4 "
        + d.ipv4Packets() + " packets (" + d.ipv4Bytes() + " bytes), IPv6 " + d.ipv6Packets()
        + " packets (" + d.ipv6Bytes() + " bytes)"));
    state.ifPresent(s -> {
      if (!s.overrides().isEmpty()) {
        out.println("unbanned:     " + list(s.overrides().unbanned()));
        out.println("pinned:       " + list(s.overrides().pinned()));
      }
    });
    for (String p : problems) {
      out.println("problem:      " + p);
    }
    if (problems.isEmpty()) {
      out.println("healthy");
    }
  }

  private static String list(AddressSet set) {
    return set.isEmpty() ? "none"
        : set.stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
  }

  private static void writeJson(JsonWriter w, Settings settings, LocalState local,
      KernelView kernel, AddressSet desired, Optional<Diff> drift, Optional<Duration> age,
      Duration stale, List<String> problems) throws IOException {
    Optional<StoredState> state = local.state();
    w.name("healthy").value(problems.isEmpty());
    w.name("state").value(local.path().toString());
    w.name("config").value(settings.configFile().map(Object::toString).orElse(null));
    w.name("feed").value(state.map(StoredState::feed).orElse(null));
    w.name("cursor").value(state.map(StoredState::cursor).orElse(null));
    w.name("fullSyncCursor").value(state.map(StoredState::fullSync).map(f -> f.cursor())
        .orElse(null));
    w.name("lastSuccess").value(state.map(StoredState::lastSuccess).map(Instant::toString)
        .orElse(null));
    w.name("lastSuccessAgeSeconds").value(age.map(Duration::toSeconds).orElse(null));
    w.name("stale").value(age.map(a -> a.compareTo(stale) > 0).orElse(false));
    w.name("lastFullSync").value(state.map(StoredState::lastFullSync).map(Instant::toString)
        .orElse(null));
    w.name("notBefore").value(state.map(StoredState::notBefore).map(Instant::toString)
        .orElse(null));
    w.name("backend").value(kernel.backend());
    w.name("hook").value(kernel.status().map(s -> s.hook().name().toLowerCase(Locale.ROOT))
        .orElse(null));
    w.name("hookDetail").value(kernel.status().map(BackendStatus::hookDetail).orElse(null));
    counts(w.name("desired"), Optional.of(desired));
    counts(w.name("enforced"), kernel.entries());
    w.name("drift");
    if (drift.isEmpty()) {
      w.nullValue();
    } else {
      w.beginObject().name("missing").value(drift.get().toAdd().size())
          .name("extra").value(drift.get().toRemove().size()).endObject();
    }
    w.name("drops");
    Optional<BackendStatus.DropCounters> drops = kernel.status().flatMap(BackendStatus::drops);
    if (drops.isEmpty()) {
      w.nullValue();
    } else {
      BackendStatus.DropCounters d = drops.get();
      w.beginObject().name("ipv4Packets").value(d.ipv4Packets()).name("ipv4Bytes")
          .value(d.ipv4Bytes()).name("ipv6Packets").value(d.ipv6Packets()).name("ipv6Bytes")
          .value(d.ipv6Bytes()).endObject();
    }
    entries(w.name("unbanned"), state.map(s -> s.overrides().unbanned()));
    entries(w.name("pinned"), state.map(s -> s.overrides().pinned()));
    w.name("problems").beginArray();
    for (String p : problems) {
      w.value(p);
    }
    w.endArray();
  }

  private static void counts(JsonWriter w, Optional<AddressSet> set) throws IOException {
    if (set.isEmpty()) {
      w.nullValue();
      return;
    }
    Counts c = Counts.of(set.get());
    w.beginObject().name("ipv4").value(c.ipv4()).name("ipv6").value(c.ipv6())
        .name("total").value(c.total()).endObject();
  }

  static void entries(JsonWriter w, Optional<AddressSet> set) throws IOException {
    w.beginArray();
    for (IpPrefix p : set.orElse(AddressSet.empty())) {
      w.value(p.toString());
    }
    w.endArray();
  }
}
