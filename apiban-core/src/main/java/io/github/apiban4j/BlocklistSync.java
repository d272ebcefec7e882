package io.github.apiban4j;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.internal.state.LoadResult;
import io.github.apiban4j.internal.state.Overrides;
import io.github.apiban4j.internal.state.StateFile;
import io.github.apiban4j.internal.sync.OverrideEdit;
import io.github.apiban4j.internal.sync.SafeListener;
import io.github.apiban4j.internal.sync.StateLoader;
import io.github.apiban4j.internal.sync.SyncRun;
import io.github.apiban4j.internal.sync.SyncSettings;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * Keeps a firewall backend in step with the APIBAN feed.
 *
 * <pre>{@code
 * ApibanClient client = ApibanClient.builder().apiKey(ApiKey.fromFile(keyFile)).build();
 * try (BlocklistSync sync = BlocklistSync.builder()
 *     .client(client)
 *     .backend(backend)
 *     .stateFile(Path.of("/var/lib/apiban4j/state.json"))
 *     .build()) {
 *   SyncResult result = sync.run();        // one run, now
 *   sync.start(Duration.ofMinutes(5));      // or: on a schedule
 * }
 * }</pre>
 *
 * <h2>What a run does</h2>
 * It first repairs the backend from the local state, without any request: a set lost to a reboot or
 * a flush is back before the network is touched. It then fetches pages from the stored cursor,
 * refuses what the {@link Allowlist} protects, and every few pages merges them into the state,
 * applies the difference to the backend and only then stores the cursor. An entry is enforced until
 * a TTL (7 days) after it was last received. The whole feed is read again on a schedule (daily), on
 * demand and when the state is lost, without ever emptying the live set. A rate limit, a server error
 * or a timeout ends the run early with its progress kept; the next run resumes from there.
 *
 * <h2>The operator's decisions</h2>
 * {@link #unban} keeps a false positive out whatever the feed says, {@link #pin} keeps an address
 * banned whatever the feed says, and {@link #withdraw} hands it back to the feed. Each is stored in
 * the state, so every later run honours it, and enforced at once without a request to APIBAN.
 *
 * <h2>Concurrency</h2>
 * Runs never overlap: not within the process (a second caller gets {@link StateLockedException}) and
 * not across processes sharing the state file (a file lock). {@link #close()} stops the schedule and
 * lets a run in progress finish or, after a grace period, interrupts it at a safe point. It does not
 * close the backend or the client, which belong to the caller.
 */
public final class BlocklistSync implements AutoCloseable {
  private final SyncSettings settings;
  private final ReentrantLock running = new ReentrantLock();
  private final SyncScheduler scheduler;

  private BlocklistSync(Builder b) {
    this.settings = new SyncSettings(b.client, b.backend, new StateFile(b.stateFile), b.allowlist,
        b.ttl, b.expirySpread != null ? b.expirySpread : Builder.defaultSpread(b.ttl), b.fullSyncInterval, b.pagesPerCommit, b.valveMinimumSize,
        b.initialCursor, b.clock, new SafeListener(b.listener));
    this.scheduler = new SyncScheduler(this, b.shutdownGrace);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs once, incrementally (or fully, when a full resync is due). */
  public SyncResult run() throws IOException {
    return run(SyncOptions.defaults());
  }

  /**
   * Runs once.
   *
   * @return what the run did; {@link SyncResult#complete()} is false if it stopped early
   * @throws StateLockedException if another run holds the state
   * @throws io.github.apiban4j.client.ApibanUnauthorizedException if APIBAN rejects the key
   * @throws io.github.apiban4j.client.ApibanProtocolException if a reply cannot be understood
   * @throws SafetyValveException if the feed would change too much at once (see {@link
   *     SyncOptions#force()})
   * @throws io.github.apiban4j.spi.FirewallException if the backend fails; the cursor stays put
   * @throws IOException if the state cannot be read or written
   */
  public SyncResult run(SyncOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    // A dry run reads only: it needs no file lock, and works without write access.
    SyncResult result = exclusively(!options.dryRun(), () -> runLoaded(options));
    reassertInterrupt(result);
    return result;
  }

  /**
   * Never bans {@code entry} again, whatever the feed says (a false positive): stores the decision
   * in the state, where every later run honours it, and removes the entry and every entry
   * overlapping it from the backend now, by a local run that makes no request to APIBAN.
   *
   * @throws StateLockedException if another run holds the state
   * @throws io.github.apiban4j.spi.FirewallException if the backend fails; the decision is stored
   *     and the next run enforces it (except for a {@link #withdraw} of a pin the feed never
   *     reported: that entry leaves the backend first, and the pin stays stored if it cannot)
   * @throws IOException if the state cannot be read or written
   */
  public OverrideResult unban(IpPrefix entry) throws IOException {
    return override(entry, Overrides::unban);
  }

  /**
   * Always bans {@code entry}, whatever the feed says, and never lets it expire: stores the
   * decision and adds the entry to the backend now, by a local run (no request to APIBAN).
   *
   * @throws IllegalArgumentException if the allowlist protects {@code entry}: it always wins
   * @throws StateLockedException if another run holds the state
   * @throws IOException as {@link #unban}
   */
  public OverrideResult pin(IpPrefix entry) throws IOException {
    Optional<RefusalReason> refusal = settings.allowlist().refusal(entry);
    if (refusal.isPresent()) {
      throw new IllegalArgumentException("refused to pin " + entry + ": the allowlist protects it ("
          + refusal.get().key() + "), and the allowlist always wins");
    }
    return override(entry, Overrides::pin);
  }

  /**
   * Withdraws an {@link #unban} or {@link #pin} of exactly {@code entry}: the feed decides again. A
   * pinned entry that the feed never reported leaves the backend now.
   *
   * @throws StateLockedException if another run holds the state
   * @throws IOException as {@link #unban}
   */
  public OverrideResult withdraw(IpPrefix entry) throws IOException {
    return override(entry, Overrides::forget);
  }

  /**
   * The entries {@link #unban}ned, as stored in the state; empty if there is no state yet.
   *
   * @throws StateFileException if the state file is unusable (a sync sets it aside)
   */
  public AddressSet unbanned() throws IOException {
    return storedOverrides().unbanned();
  }

  /**
   * The entries {@link #pin}ned, as stored in the state; empty if there is no state yet.
   *
   * @throws StateFileException if the state file is unusable (a sync sets it aside)
   */
  public AddressSet pinned() throws IOException {
    return storedOverrides().pinned();
  }

  private Overrides storedOverrides() throws IOException {
    // A save replaces the file whole, so this read needs no lock.
    LoadResult found = settings.stateFile().load(false);
    if (found instanceof LoadResult.Corrupt corrupt) {
      throw new StateFileException(settings.stateFile().path(), "the state file "
          + settings.stateFile().path() + " is unusable (" + corrupt.reason() + "); a sync sets"
          + " it aside and starts afresh");
    }
    return found instanceof LoadResult.Loaded loaded ? loaded.state().overrides()
        : Overrides.none();
  }

  private OverrideResult override(IpPrefix entry,
      BiFunction<Overrides, IpPrefix, Overrides> decide) throws IOException {
    Objects.requireNonNull(entry, "entry");
    OverrideResult result = exclusively(true, () -> OverrideEdit.apply(settings, entry, decide));
    reassertInterrupt(result.enforcement());
    return result;
  }

  private interface Locked<T> {
    T call() throws IOException;
  }

  /** Runs {@code body} as the only run in this process and, if {@code fileLock}, across processes. */
  private <T> T exclusively(boolean fileLock, Locked<T> body) throws IOException {
    if (!running.tryLock()) {
      throw new StateLockedException(settings.stateFile().path(), settings.stateFile().lockPath(),
          OptionalLong.of(ProcessHandle.current().pid()), null);
    }
    try {
      if (!fileLock) {
        return body.call();
      }
      try (var lock = settings.stateFile().lock()) {
        return body.call();
      }
    } finally {
      running.unlock();
    }
  }

  private static void reassertInterrupt(SyncResult result) {
    if (result.stopReason().orElse(null) == StopReason.INTERRUPTED) {
      Thread.currentThread().interrupt(); // cleared during the run so its last checkpoint could be written
    }
  }

  private SyncResult runLoaded(SyncOptions options) throws IOException {
    SyncListener listener = settings.listener();
    try {
      StateLoader.Loaded loaded = StateLoader.load(settings, listener, options.dryRun());
      return new SyncRun(settings, options, loaded.state(), loaded.fresh()).execute();
    } catch (IOException | RuntimeException e) {
      listener.runFailed(e);
      throw e;
    }
  }

  /**
   * Runs every {@code interval} on a daemon thread named {@code apiban-sync}, starting after a random
   * delay of up to a tenth of the interval (so that many hosts do not call APIBAN in the same
   * second). After a failure the next run waits longer, doubling up to an hour (or the interval, if
   * longer); a {@code Retry-After} from APIBAN is always respected.
   *
   * @throws IllegalStateException if already started or closed
   */
  public void start(Duration interval) {
    scheduler.start(interval);
  }

  /**
   * Stops the schedule and waits for a run in progress to finish; after the grace period (30 s by
   * default) it is interrupted and stops at its next safe point, with the state consistent.
   */
  @Override
  public void close() {
    scheduler.close();
  }

  SyncSettings settings() {
    return settings;
  }

  /** Builds a {@link BlocklistSync}; {@link #backend} and {@link #stateFile} are required. */
  public static final class Builder {
    private ApibanClient client;
    private FirewallBackend backend;
    private Path stateFile;
    private Allowlist allowlist;
    private Duration ttl = Duration.ofDays(7);
    private Duration expirySpread;
    private Duration fullSyncInterval = Duration.ofDays(1);
    private int pagesPerCommit = 4;
    private int valveMinimumSize = 100;
    private String initialCursor;
    private Clock clock = Clock.systemUTC();
    private SyncListener listener = SyncListener.NONE;
    private Duration shutdownGrace = Duration.ofSeconds(30);

    private Builder() {}

    /** The feed. Without a client, runs only repair the backend from local state. */
    public Builder client(ApibanClient client) {
      this.client = client;
      return this;
    }

    public Builder backend(FirewallBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** Where the cursor and last-seen times are kept (created owner-only). */
    public Builder stateFile(Path stateFile) {
      this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
      return this;
    }

    /** What is never blocked; {@link Allowlist#defaults()} if not set. */
    public Builder allowlist(Allowlist allowlist) {
      this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
      return this;
    }

    /** How long an entry stays after it was last received (7 days, APIBAN's own lifetime). */
    public Builder ttl(Duration ttl) {
      this.ttl = requirePositive(ttl, "ttl");
      return this;
    }

    /**
     * The window over which entries received together expire (12 hours, or a fourteenth of a
     * shorter TTL): each entry's expiry is delayed by a fixed offset within it, so that no run
     * removes the whole list at once.
     */
    public Builder expirySpread(Duration spread) {
      Objects.requireNonNull(spread, "spread");
      if (spread.isNegative()) {
        throw new IllegalArgumentException("expirySpread must not be negative");
      }
      this.expirySpread = spread;
      return this;
    }

    /** How often the whole feed is read again (daily). */
    public Builder fullSyncInterval(Duration interval) {
      this.fullSyncInterval = requirePositive(interval, "fullSyncInterval");
      return this;
    }

    /** Pages fetched between two checkpoints (4): fewer means less refetching after a crash. */
    public Builder pagesPerCommit(int pages) {
      if (pages < 1) {
        throw new IllegalArgumentException("pagesPerCommit must be at least 1");
      }
      this.pagesPerCommit = pages;
      return this;
    }

    /** Live sets smaller than this (100) are never held back by the safety valves. */
    public Builder safetyValveMinimumSize(int entries) {
      if (entries < 0) {
        throw new IllegalArgumentException("safetyValveMinimumSize must not be negative");
      }
      this.valveMinimumSize = entries;
      return this;
    }

    /**
     * The cursor to start from when there is no state yet: an official client's {@code LKID}. The
     * first run then continues incrementally from it, and the full resync that a new state needs
     * follows on the next run. The start values 0, 1 and 100 mean the start of the feed.
     */
    public Builder initialCursor(String cursor) {
      if (cursor != null && !cursor.matches("[0-9]{1,20}")) {
        throw new IllegalArgumentException("a cursor is a decimal number of at most 20 digits");
      }
      this.initialCursor = cursor == null || cursor.equals("0") || cursor.equals("1")
          || cursor.equals(ApibanClient.START_CURSOR) ? null : cursor;
      return this;
    }

    public Builder listener(SyncListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long {@link #close()} waits for a run before interrupting it (30 s). */
    public Builder shutdownGrace(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      this.shutdownGrace = grace;
      return this;
    }

    public BlocklistSync build() {
      if (backend == null) {
        throw new IllegalStateException("backend is required");
      }
      if (stateFile == null) {
        throw new IllegalStateException("stateFile is required");
      }
      if (expirySpread != null && expirySpread.compareTo(ttl) >= 0) {
        throw new IllegalArgumentException("expirySpread must be shorter than the ttl");
      }
      if (allowlist == null) {
        allowlist = Allowlist.defaults();
      }
      return new BlocklistSync(this);
    }

    /** 12 hours, or a fourteenth of a shorter TTL. */
    static Duration defaultSpread(Duration ttl) {
      return io.github.apiban4j.internal.sync.Enforcement.defaultSpread(ttl);
    }

    private static Duration requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
