package io.github.apiban4j.examples.cli;

import io.github.apiban4j.Allowlist;
import io.github.apiban4j.BlocklistSync;
import io.github.apiban4j.RefusalReason;
import io.github.apiban4j.SyncOptions;
import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.client.ApiKey;
import io.github.apiban4j.client.ApibanClient;
import io.github.apiban4j.internal.state.LoadResult;
import io.github.apiban4j.internal.state.StateFile;
import io.github.apiban4j.internal.state.StoredState;
import io.github.apiban4j.internal.sync.Enforcement;
import io.github.apiban4j.memory.InMemoryBackend;
import io.github.apiban4j.spi.FirewallBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apiban demo}: the whole pipeline, offline and without root. A fake APIBAN on loopback
 * serves a synthetic list; the real client and sync engine pull it into the {@code memory} backend
 * (or, with {@code --netns}, into a real backend inside a throwaway network namespace); the output
 * shows what happened. Everything is removed afterwards.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Shows what apiban does: a local fake feed into the memory backend, offline.",
    description = {
        "Shows what apiban does, offline and without root: starts a fake APIBAN on the loopback "
            + "interface with a synthetic list (documentation addresses, plus entries that must "
            + "never be blocked), syncs it with the real client and sync engine into the memory "
            + "backend, and prints the pages, additions, refusals by reason, a check of a banned "
            + "and a clean address, and the timings. Changes nothing outside a temporary "
            + "directory, which it removes."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  apiban demo",
        "  apiban demo --attackers 20000",
        "  sudo apiban demo --netns --backend nftables   # a real backend in a throwaway namespace",
        "",
        "Exit status: 0 done; 69 the chosen backend cannot run here; 77 --netns without root; "
            + "1 anything else."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--attackers", paramLabel = "N",
      description = "How many attacker entries the fake feed lists (default 3000)")
  int attackers = 3000;

  @Option(names = "--netns", description = "Sync into a real backend inside a network namespace "
      + "created for the demo and deleted afterwards (needs root)")
  boolean netns;

  @Option(names = "--backend", paramLabel = "NAME",
      description = "With --netns: the kernel backend (default: the best available)")
  String backend;

  private final CliContext context;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (attackers < 10 || attackers > 1_000_000) {
      return Failure.report(context, new UsageException("--attackers must be 10 to 1000000"));
    }
    if (backend != null && !netns) {
      return Failure.report(context, new UsageException("--backend goes with --netns; without it "
          + "the demo uses the memory backend"));
    }
    long start = System.nanoTime();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("apiban-demo-");
      if (netns) {
        try (DemoNamespace ns = DemoNamespace.create();
            FirewallBackend target = ns.backend(backend)) {
          return run(target, dir, start);
        }
      }
      try (FirewallBackend target = new InMemoryBackend()) {
        return run(target, dir, start);
      }
    } catch (Exception e) {
      return Failure.report(context, e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  private int run(FirewallBackend target, Path dir, long start) throws Exception {
    PrintStream out = context.out();
    String key = "demo-" + HexFormat.of().formatHex(SecureRandom.getSeed(8));
    Path state = dir.resolve("state.json");
    Allowlist allowlist = Allowlist.builder().allow(DemoList.TRUNK).build();
    var first = DemoList.first(attackers);
    try (DemoFeed feed = DemoFeed.start(key)) {
      feed.publish(first);
      ApibanClient client = ApibanClient.builder().apiKey(ApiKey.of(key)).baseUrl(feed.baseUrl())
          .rateLimit(0, Duration.ofMinutes(2)).maxAttempts(1).build();
      out.println("apiban demo: a fake APIBAN on loopback, the real client and sync engine, the "
          + target.name() + " backend. Offline; nothing outside this process and " + dir
          + " is changed.");
      out.println("  feed:    " + feed.baseUrl() + " lists " + first.size() + " entries: "
          + (first.size() - DemoList.MUST_REFUSE.size()) + " attackers from documentation ranges "
          + "and " + DemoList.MUST_REFUSE.size() + " that must never be blocked");
      out.println("  allow:   " + DemoList.TRUNK + " (stands for your SIP trunk), plus loopback, "
          + "unspecified, link-local, multicast, broadcast, private and this host's addresses");
      out.println("  backend: " + target.name() + ": " + target.status().hookDetail());
      out.println();

      try (BlocklistSync sync = BlocklistSync.builder().client(client).backend(target)
          .stateFile(state).allowlist(allowlist).build()) {
        SyncResult r1 = sync.run(SyncOptions.defaults());
        out.println("1. first sync (" + mode(r1) + "): " + r1.pages() + " pages of at most 250, "
            + r1.fetched() + " entries fetched, +" + r1.added() + " added, " + r1.refusedTotal()
            + " refused, " + r1.liveSize() + " enforced, " + ms(r1));
        out.println("   refused: " + refusals(r1.refused()));

        feed.publish(DemoList.later(5));
        SyncResult r2 = sync.run(SyncOptions.defaults());
        out.println("2. APIBAN reports 5 new attackers; " + mode(r2) + " sync from cursor "
            + r2.cursorBefore() + ": " + r2.pages() + " page, +" + r2.added() + ", "
            + r2.liveSize() + " enforced, " + ms(r2));

        SyncResult r3 = sync.run(SyncOptions.defaults());
        out.println("3. nothing new: +" + r3.added() + " -" + r3.removed() + ", the firewall is "
            + "not touched (" + ms(r3) + ")");
      }

      target.uninstall();
      int before = feed.requests();
      try (BlocklistSync local = BlocklistSync.builder().backend(target).stateFile(state)
          .allowlist(allowlist).build()) {
        SyncResult r4 = local.run(SyncOptions.defaults());
        out.println("4. the firewall loses everything (as after a reboot): " + r4.repaired()
            + " entries restored from local state with " + (feed.requests() - before)
            + " requests, " + ms(r4));
      }

      StoredState stored = ((LoadResult.Loaded) new StateFile(state).load()).state();
      Enforcement enforcement = new Enforcement(Settings.DEFAULT_TTL,
          Enforcement.defaultSpread(Settings.DEFAULT_TTL), allowlist);
      AddressSet enforced = target.current();
      out.println("5. check:");
      for (String text : new String[] {DemoList.ATTACKER, DemoList.CLEAN, DemoList.TRUNK_ADDRESS}) {
        IpPrefix address = IpPrefix.parse(text);
        AddressCheck check = AddressCheck.of(address, stored, enforcement,
            context.clock().instant(), Optional.of(enforced));
        boolean listed = client.check(address.address());
        out.println("   " + check.describe() + "; " + (listed ? "listed" : "not listed")
            + " at APIBAN");
      }
    }
    out.println();
    out.println("done in " + (System.nanoTime() - start) / 1_000_000 + " ms; removed " + dir
        + (netns ? " and the namespace" : "") + ".");
    out.println("Next: 'apiban sync --help' and README.md for real use with your APIBAN key.");
    return ExitCode.OK;
  }

  private static String mode(SyncResult r) {
    return r.mode().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String ms(SyncResult r) {
    return r.duration().toMillis() + " ms";
  }

  /** {@code malformed 3, loopback 3, ...} in the order of {@link RefusalReason}. */
  static String refusals(Map<String, Long> byReason) {
    return java.util.Arrays.stream(RefusalReason.values())
        .filter(r -> byReason.containsKey(r.key()))
        .map(r -> r.key() + " " + byReason.get(r.key()))
        .collect(Collectors.joining(", "));
  }

  private void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // reported below by the check that the directory is gone
        }
      });
    } catch (IOException e) {
      // reported below
    }
    if (Files.exists(dir)) {
      context.err().println("apiban: could not remove " + dir + " entirely; delete it by hand");
    }
  }
}
