package io.github.apiban4j.nftables.internal;

import io.github.apiban4j.internal.exec.Command;
import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.internal.exec.CommandTimeoutException;
import io.github.apiban4j.internal.exec.FirewallErrors;
import io.github.apiban4j.spi.BackendUnavailableException;
import io.github.apiban4j.spi.FirewallException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs {@code nft} for the backend: argument vectors and standard input only, the configured time
 * limit and namespace, and every failure turned into the SPI's typed exceptions with nft's own
 * words. Checks nft's version once, before the first command that talks to the kernel.
 */
final class Nft {
  static final String BACKEND = "nftables";
  /**
   * Listings read before giving up on one that repeats elements. The kernel's resize after a
   * change of 100,000 elements lasts well under a second on a quiet machine (measured: the first
   * listing right after such a change was inconsistent in 3 of 10 runs, the next one never).
   */
  static final int LISTING_ATTEMPTS = 10;

  private final CommandRunner runner;
  private final NftSettings settings;
  private boolean versionChecked;

  Nft(CommandRunner runner, NftSettings settings) {
    this.runner = runner;
    this.settings = settings;
  }

  /**
   * The table's listing, or empty if the table does not exist.
   *
   * @param terse without the sets' elements ({@code -t}), for a cheap look at the structure
   */
  Optional<NftListing> listTable(String operation, boolean terse) throws IOException {
    return list(operation, terse, "table", "inet", settings.table());
  }

  /** One set of the table with its elements, or empty if it does not exist. */
  Optional<NftListing> listSet(String operation, String set) throws IOException {
    return list(operation, false, "set", "inet", settings.table(), set);
  }

  /** One chain of the table with its rules and their counters, or empty if it does not exist. */
  Optional<NftListing> listChain(String operation, String chain) throws IOException {
    return list(operation, false, "chain", "inet", settings.table(), chain);
  }

  private Optional<NftListing> list(String operation, boolean terse, String... what)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("-j"));
    if (terse) {
      args.add("-t");
    }
    args.add("list");
    args.addAll(List.of(what));
    for (int attempt = 1; ; attempt++) {
      CommandResult r = run(operation, args, null);
      if (!r.succeeded()) {
        if (isMissing(r)) {
          return Optional.empty();
        }
        throw failure(operation, r, "listing " + String.join(" ", what));
      }
      NftListing listing;
      try {
        listing = NftListing.parse(r.stdoutStream());
      } catch (IOException e) {
        throw new FirewallException(BACKEND, operation, e.getMessage() + " (from "
            + r.command() + ")", e);
      }
      // A repeated element means the kernel left as many out: see NftListing.repeated().
      if (listing.repeated() == 0) {
        return Optional.of(listing);
      }
      if (attempt == LISTING_ATTEMPTS) {
        throw new FirewallException(BACKEND, operation, r.command() + " printed "
            + listing.repeated() + " elements twice, and so left as many out, in each of "
            + LISTING_ATTEMPTS + " listings: the kernel was still resizing the set after a large"
            + " change; nothing was changed, and the next sync reads the set again");
      }
      // A small set's listing is quick enough to land inside the same resize again: wait a
      // little longer each time (10, 20, ... ms; under half a second in all).
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10L * attempt));
    }
  }

  /**
   * Runs {@code script} as one transaction.
   *
   * @return the result, successful or not, for a caller that can retry; see {@link #failure}
   */
  CommandResult transaction(String operation, NftScript script) throws IOException {
    return run(operation, List.of("-j", "-f", "-"), script.toBytes());
  }

  /** Runs {@code script} as one transaction and throws if nft refused it. */
  void require(String operation, NftScript script, String what) throws IOException {
    CommandResult r = transaction(operation, script);
    if (!r.succeeded()) {
      throw failure(operation, r, what);
    }
  }

  private CommandResult run(String operation, List<String> args, byte[] stdin)
      throws IOException {
    checkVersion(operation);
    return exec(operation, Command.of("nft", args), stdin);
  }

  private void checkVersion(String operation) throws IOException {
    if (versionChecked) {
      return;
    }
    CommandResult r = exec(operation, Command.of("nft", "--version"), null);
    if (!r.succeeded()) {
      throw failure(operation, r, "asking nft for its version");
    }
    Optional<String> problem = NftVersion.problemWith(r);
    if (problem.isPresent()) {
      throw new BackendUnavailableException(BACKEND, problem.get());
    }
    versionChecked = true;
  }

  private CommandResult exec(String operation, Command command, byte[] stdin) throws IOException {
    Command c = command.withTimeout(settings.timeout());
    if (stdin != null) {
      c = c.withStdin(stdin);
    }
    if (settings.namespace() != null) {
      c = c.inNamespace(settings.namespace());
    }
    try {
      return runner.run(c);
    } catch (CommandTimeoutException e) {
      throw new FirewallException(BACKEND, operation, e.getMessage() + "; a transaction is all"
          + " or nothing, and the next sync reads the sets back to see which; raise backend option"
          + " timeout if the sets are very large", e);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw FirewallErrors.translate(BACKEND, operation, e);
    }
  }

  /** Whether a listing failed because the table (or set, or chain) does not exist. */
  private static boolean isMissing(CommandResult r) {
    // "Cannot open network namespace …: No such file or directory" comes from ip, not nft.
    return r.stderr().startsWith("Error: No such file or directory");
  }

  /**
   * The typed error for a failed run, as for every process-driving backend: a permission error
   * that names the capability, a missing namespace, or nft's exit status and its own message.
   */
  FirewallException failure(String operation, CommandResult r, String what) {
    return FirewallErrors.translate(BACKEND, operation, r, what);
  }
}
