package io.github.apiban4j.nftables.internal;

import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.CommandRunner;
import io.github.apiban4j.testkit.NetworkNamespace;
import java.io.IOException;

/** What an operator does to the backend's table by hand: {@code nft} in a test's namespace. */
final class NftByHand {
  private final NetworkNamespace ns;

  NftByHand(NetworkNamespace ns) {
    this.ns = ns;
  }

  /** Runs {@code nft args}, which must succeed, and returns what it printed. */
  String nft(String... args) throws IOException {
    return run(args).requireSuccess("nft " + String.join(" ", args)).stdout();
  }

  /** Runs {@code nft args} and returns how it ended. */
  CommandResult run(String... args) throws IOException {
    return CommandRunner.system().run(ns.command("nft", args));
  }

  /** Deletes the drop rule of chain blocklist in table inet apiban that matches {@code set}. */
  void deleteRuleFor(String set) throws IOException {
    String listing = nft("-a", "list", "chain", "inet", "apiban", "blocklist");
    for (String line : listing.split("\n")) {
      if (line.contains("@" + set + " ")) {
        nft("delete", "rule", "inet", "apiban", "blocklist", "handle",
            line.replaceAll(".*# handle ", "").strip());
        return;
      }
    }
    throw new AssertionError("no rule for set " + set + " in " + listing);
  }
}
