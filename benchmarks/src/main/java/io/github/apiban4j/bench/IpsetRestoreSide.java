package io.github.apiban4j.bench;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bare {@code ipset restore -exist}, fed {@code add}/{@code del} lines, on {@code hash:net} sets
 * made with the same header (family, hash size, maximum, bucket size) as the contender's sets, so
 * that both do the same kernel work.
 */
final class IpsetRestoreSide implements Side {
  private static final String SET4 = "bare4";
  private static final String SET6 = "bare6";
  private static final List<String> COPIED = List.of("family", "hashsize", "maxelem", "bucketsize");

  private final String model4;
  private final String model6;

  /** Mirrors the contender's sets {@code model4} and {@code model6}. */
  IpsetRestoreSide(String model4, String model6) {
    this.model4 = model4;
    this.model6 = model6;
  }

  @Override
  public void matchContender() throws IOException {
    recreate(SET4, model4);
    recreate(SET6, model6);
  }

  private static void recreate(String set, String model) throws IOException {
    String header = Tools.run("ipset", "list", "-t", model).lines()
        .filter(l -> l.startsWith("Header: ")).findFirst()
        .orElseThrow(() -> new IOException("ipset list -t " + model + " printed no header"));
    String[] words = header.substring("Header: ".length()).trim().split("\\s+");
    List<String> create = new ArrayList<>(List.of("create", set, "hash:net"));
    for (int i = 0; i + 1 < words.length; i++) {
      if (COPIED.contains(words[i])) { // a flag without a value (counters, comment) is skipped
        create.add(words[i]);
        create.add(words[++i]);
      }
    }
    if (Tools.run("ipset", "list", "-n").lines().anyMatch(set::equals)) {
      Tools.run("ipset", "destroy", set);
    }
    Tools.run("ipset", create.toArray(String[]::new));
  }

  @Override
  public Step add(AddressSet entries) {
    return restore("add", entries);
  }

  @Override
  public Step delete(AddressSet entries) {
    return restore("del", entries);
  }

  private static Step restore(String verb, AddressSet entries) {
    StringBuilder lines = new StringBuilder(entries.size() * 28);
    for (IpPrefix p : entries) {
      lines.append(verb).append(' ').append(p.isIpv6() ? SET6 : SET4).append(' ').append(p)
          .append('\n');
    }
    return Tools.feeding(lines, "ipset", "restore", "-exist");
  }

  @Override
  public void clear() throws IOException {
    Tools.run("ipset", "flush", SET4);
    Tools.run("ipset", "flush", SET6);
  }
}
