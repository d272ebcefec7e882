package io.github.apiban4j.examples.cli;

import io.github.apiban4j.RefusalReason;
import io.github.apiban4j.SyncListener;
import io.github.apiban4j.SyncMode;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.spi.BackendStatus;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One timestamped line per event, as the official client's {@code /var/log/apiban-client.log}
 * had them, so that {@code grep 192.0.2.1} finds when and why an address was added or removed:
 *
 * <pre>
 * 2026-11-24T10:00:00Z sync started: incremental from cursor 1764000000
 * 2026-11-24T10:00:01Z added 192.0.2.1: reported by APIBAN
 * 2026-11-24T10:00:01Z refused 127.0.0.1: loopback
 * 2026-11-24T10:00:01Z removed 198.51.100.7: expired
 * 2026-11-24T10:00:01Z sync complete: ...
 * </pre>
 *
 * The backend is wrapped ({@link #track}) to see every batch it applies; the listener's events say
 * why each batch was applied.
 */
final class EventLog implements SyncListener, Closeable {
  private final PrintStream out;
  private final boolean owned;
  private final Clock clock;
  private final List<Diff> pending = new ArrayList<>();
  private Throwable lastFailure;

  private EventLog(PrintStream out, boolean owned, Clock clock) {
    this.out = out;
    this.owned = owned;
    this.clock = clock;
  }

  /** A log appended to {@code file} (created owner-only if missing). */
  static EventLog toFile(Path file, Clock clock) throws IOException {
    OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    return new EventLog(new PrintStream(stream, false, StandardCharsets.UTF_8), true, clock);
  }

  /** A log written to {@code stream}, which stays open. */
  static EventLog to(PrintStream stream, Clock clock) {
    return new EventLog(stream, false, clock);
  }

  /** A log that writes nothing. */
  static EventLog none() {
    return new EventLog(new PrintStream(OutputStream.nullOutputStream(), false,
        StandardCharsets.UTF_8), true, Clock.systemUTC());
  }

  /** Writes one line. */
  synchronized void event(String text) {
    line(text);
    out.flush();
  }

  private void line(String text) {
    out.println(clock.instant().truncatedTo(ChronoUnit.SECONDS) + " "
        + text.replace('\n', ' ').replace('\r', ' '));
  }

  /** {@code backend}, with every batch it applies reported to this log. */
  FirewallBackend track(FirewallBackend backend) {
    return new Tracked(backend);
  }

  @Override
  public synchronized void runStarted(SyncMode mode, String cursor, boolean dryRun) {
    line((dryRun ? "dry run" : "sync") + " started: " + mode.name().toLowerCase(Locale.ROOT)
        + (mode == SyncMode.LOCAL ? " (no request)" : " from cursor " + cursor));
  }

  @Override
  public synchronized void stateRecovered(String reason) {
    line("state recovered: " + reason);
  }

  @Override
  public synchronized void driftRepaired(int restored, int removed) {
    flushPending("restored from local state", "no longer wanted (allowlisted or unbanned)");
  }

  @Override
  public synchronized void entryRefused(String entry, RefusalReason reason) {
    line("refused " + entry + ": " + reason.key());
  }

  @Override
  public synchronized void committed(Diff diff, String cursor) {
    flushPending("reported by APIBAN", "removed");
  }

  @Override
  public synchronized void runFinished(SyncResult result) {
    flushPending("added", "expired");
    line((result.complete() ? "sync complete: " : "sync stopped early: ") + result.summary());
    out.flush();
  }

  @Override
  public synchronized void runFailed(Throwable error) {
    pending.clear(); // a failed batch was not applied
    lastFailure = error;
    line("sync failed: " + Failure.message(error));
    out.flush();
  }

  /** Logs a command's error, unless the run already logged it as its failure. */
  synchronized void error(Throwable error) {
    if (error != lastFailure) {
      event("error: " + Failure.message(error));
    }
  }

  private void flushPending(String addedBecause, String removedBecause) {
    for (Diff d : pending) {
      entries("added", d.toAdd(), addedBecause);
      entries("removed", d.toRemove(), removedBecause);
    }
    pending.clear();
  }

  private void entries(String verb, AddressSet set, String because) {
    for (IpPrefix p : set) {
      line(verb + " " + p + ": " + because);
    }
  }

  private synchronized void applied(Diff diff) {
    pending.add(diff);
  }

  @Override
  public void close() {
    out.flush();
    if (owned) {
      out.close();
    }
  }

  /** Forwards every call; remembers each applied batch until the listener says why. */
  private final class Tracked implements FirewallBackend {
    private final FirewallBackend delegate;

    Tracked(FirewallBackend delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public boolean prepare() throws IOException {
      return delegate.prepare();
    }

    @Override
    public AddressSet current() throws IOException {
      return delegate.current();
    }

    @Override
    public void apply(Diff diff) throws IOException {
      delegate.apply(diff);
      applied(diff);
    }

    @Override
    public void replace(AddressSet entries) throws IOException {
      delegate.replace(entries);
    }

    @Override
    public BackendStatus status() throws IOException {
      return delegate.status();
    }

    @Override
    public void uninstall() throws IOException {
      delegate.uninstall();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
