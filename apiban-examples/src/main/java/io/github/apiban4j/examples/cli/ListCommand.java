package io.github.apiban4j.examples.cli;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.internal.state.LastSeen;
import io.github.apiban4j.internal.state.StoredState;
import io.github.apiban4j.internal.sync.Enforcement;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apiban list}: the banned entries with their last-seen times, from the local state. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Lists the banned entries with their last-seen times.",
    description = {
        "Lists the entries the local state bans, in address order, each with the time APIBAN "
            + "last reported it and when it expires unless reported again; pinned entries are "
            + "marked, and the operator's unbans follow. Reads the state only: 'apiban status' "
            + "compares it with the backend."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  apiban list",
        "  apiban list --json | jq -r '.entries[].entry'",
        "",
        "Exit status: 0 done; 64 bad usage; 78 bad configuration or unreadable state."})
final class ListCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--json", description = "Print one JSON object on stdout")
  boolean json;

  private final CliContext context;

  ListCommand(CliContext context) {
    this.context = context;
  }

  /**
   * One banned entry.
   *
   * @param entry the address or prefix
   * @param lastSeen when APIBAN last reported it; empty for a pin it never reported
   * @param expires when it expires; empty for a pin
   * @param pinned whether the operator pinned it
   */
  record Row(IpPrefix entry, Optional<Instant> lastSeen, Optional<Instant> expires,
      boolean pinned) {}

  @Override
  public Integer call() {
    try {
      Settings settings = Settings.resolve(options, context);
      LocalState local = LocalState.read(settings.statePath());
      local.problem().ifPresent(p -> context.err().println("apiban: " + p));
      StoredState state = local.state().orElse(null);
      Enforcement enforcement = settings.enforcement();
      AddressSet desired = state == null ? AddressSet.empty()
          : enforcement.desired(state, context.clock().instant());
      AddressSet unbanned = state == null ? AddressSet.empty() : state.overrides().unbanned();
      java.util.List<Row> rows = rows(state, desired, enforcement);
      if (json) {
        context.out().println(JsonReport.write(w -> {
          w.name("count").value(rows.size());
          w.name("entries").beginArray();
          for (Row r : rows) {
            w.beginObject().name("entry").value(r.entry().toString())
                .name("lastSeen").value(r.lastSeen().map(Object::toString).orElse(null))
                .name("expires").value(r.expires().map(Object::toString).orElse(null))
                .name("pinned").value(r.pinned()).endObject();
          }
          w.endArray();
          StatusCommand.entries(w.name("unbanned"), Optional.of(unbanned));
        }));
      } else {
        print(context.out(), rows, unbanned);
      }
      return ExitCode.OK;
    } catch (Exception e) {
      return Failure.report(context, e);
    }
  }

  private static java.util.List<Row> rows(StoredState state, AddressSet desired,
      Enforcement enforcement) {
    java.util.List<Row> rows = new java.util.ArrayList<>(desired.size());
    if (state == null) {
      return rows;
    }
    LastSeen seen = state.seen();
    AddressSet pinned = state.overrides().pinned();
    int i = 0;
    for (IpPrefix entry : desired) { // both in IpPrefix order: one merge pass
      while (i < seen.size() && seen.entry(i).compareTo(entry) < 0) {
        i++;
      }
      boolean reported = i < seen.size() && seen.entry(i).equals(entry);
      boolean isPinned = pinned.contains(entry);
      Optional<Instant> last = reported
          ? Optional.of(Instant.ofEpochSecond(seen.seenAt(i))) : Optional.empty();
      Optional<Instant> expires = reported && !isPinned
          ? Optional.of(enforcement.expiresAt(entry, seen.seenAt(i))) : Optional.empty();
      rows.add(new Row(entry, last, expires, isPinned));
    }
    return rows;
  }

  private static void print(PrintStream out, java.util.List<Row> rows, AddressSet unbanned) {
    for (Row r : rows) {
      StringBuilder sb = new StringBuilder(String.format("%-40s", r.entry()));
      r.lastSeen().ifPresent(t -> sb.append(" last seen ").append(t));
      r.expires().ifPresent(t -> sb.append(", expires ").append(t));
      if (r.pinned()) {
        sb.append(r.lastSeen().isPresent() ? ", " : " ").append("pinned");
      }
      out.println(sb.toString().stripTrailing());
    }
    for (IpPrefix u : unbanned) {
      out.println(String.format("%-40s", u) + " unbanned: never blocked");
    }
    out.println(rows.size() + (rows.size() == 1 ? " entry banned" : " entries banned")
        + (unbanned.isEmpty() ? "" : ", " + unbanned.size() + " unbanned"));
  }
}
