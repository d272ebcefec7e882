package io.github.apiban4j.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.SyncResult;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.testkit.RecordingCommandRunner;
import io.github.apiban4j.testkit.SyncRig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the backend hands to nft, byte for byte, with a runner that records instead of running.
 * Hostile feed text cannot even reach the backend: it takes parsed {@link AddressSet}s only, and the
 * parser refuses such text first.
 */
class NftablesBackendCommandsTest {
  private static final String NS = "apiban-it-unit";
  private static final String IN_NS = "ip netns exec " + NS + " ";
  private static final String TERSE = "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}},"
      + " {\"table\": {\"family\": \"inet\", \"name\": \"apiban\", \"handle\": 1}},"
      + " {\"set\": {\"family\": \"inet\", \"name\": \"apiban4\", \"table\": \"apiban\","
      + " \"type\": \"ipv4_addr\", \"handle\": 1}},"
      + " {\"set\": {\"family\": \"inet\", \"name\": \"apiban4net\", \"table\": \"apiban\","
      + " \"type\": \"ipv4_addr\", \"handle\": 2, \"flags\": [\"interval\"]}},"
      + " {\"set\": {\"family\": \"inet\", \"name\": \"apiban6\", \"table\": \"apiban\","
      + " \"type\": \"ipv6_addr\", \"handle\": 3}},"
      + " {\"set\": {\"family\": \"inet\", \"name\": \"apiban6net\", \"table\": \"apiban\","
      + " \"type\": \"ipv6_addr\", \"handle\": 4, \"flags\": [\"interval\"]}}]}";
  private static final String NET4 = "{\"nftables\": [{\"set\": {\"family\": \"inet\","
      + " \"name\": \"apiban4net\", \"table\": \"apiban\", \"type\": \"ipv4_addr\","
      + " \"flags\": [\"interval\"], \"elem\": [{\"prefix\": {\"addr\": \"203.0.113.0\","
      + " \"len\": 24}}]}}]}";
  private static final String ENOENT =
      "internal:0:0-0: Error: Could not process rule: No such file or directory\n";

  private final NftReplies replies = new NftReplies();
  private final RecordingCommandRunner runner = RecordingCommandRunner.answering(replies);
  private final NftablesBackend backend =
      new NftablesBackend(NftSettingsFixture.in(NS), runner);

  private static final List<String> HOSTILE = List.of("1.2.3.4; rm -rf /", "$(reboot)",
      "`reboot`", "192.0.2.1\"}]}",
      "192.0.2.1 }; flush ruleset; add element inet apiban apiban4 { 192.0.2.2",
      "192.0.2.1\nflush ruleset", "192.0.2.1\u0000", "999.1.1.1", "example.com", "01.2.3.4",
      "0xc0.0.2.1", "192.0.2.1/33", "192.0.2.1/24", "fe80::1%eth0", "2001:db8::1/129",
      "::ffff:192.0.2.01", " 192.0.2.1", "\u0661\u0669\u0662.0.2.1", "@apiban4", "\\u0022",
      "192.0.2.1,198.51.100.7", "{\"prefix\":{\"addr\":\"0.0.0.0\",\"len\":0}}");

  @Test
  void hostileFeedEntriesAreRefusedAndNeverReachNft(@TempDir Path dir) throws IOException {
    for (String hostile : HOSTILE) {
      assertThat(IpPrefix.tryParse(hostile)).as("'%s' is refused at parsing", hostile).isNull();
    }
    for (int i = 0; i < 4; i++) {
      replies.on("-j -t list table inet apiban", 0, TERSE, "")
          .on("-j list table inet apiban", 0, TERSE, "");
    }
    List<String> good = List.of("203.0.113.7", "198.51.100.23", "2001:db8::7");
    try (SyncRig rig = SyncRig.start(dir)) {
      List<String> feed = new ArrayList<>(HOSTILE);
      feed.addAll(good);
      rig.apiban().publish(feed.toArray(String[]::new));
      SyncResult result = rig.sync(backend);
      assertThat(result.added()).isEqualTo(good.size());
      assertThat(result.refusedTotal()).isEqualTo(HOSTILE.size());
    }

    assertThat(runner.stdins()).anySatisfy(t -> assertThat(t).contains(good));
    assertOnlyKnownStrings(set(good.toArray(String[]::new)));
  }

  @Test
  void aDiffOfAddressesIsOneTransactionWrittenExactly() throws IOException {
    backend.apply(new Diff(set("192.0.2.1", "198.51.100.7", "2001:db8::1"),
        set("203.0.113.9", "2001:db8::dead:beef")));

    assertThat(runner.commandLines()).containsExactly(IN_NS + "nft --version",
        IN_NS + "nft -j -f -");
    assertThat(runner.stdins()).containsExactly("{\"nftables\":["
        + "{\"delete\":{\"element\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban4\","
        + "\"elem\":[\"203.0.113.9\"]}}},\n"
        + "{\"add\":{\"element\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban4\","
        + "\"elem\":[\"192.0.2.1\",\"198.51.100.7\"]}}},\n"
        + "{\"delete\":{\"element\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban6\","
        + "\"elem\":[\"2001:db8::dead:beef\"]}}},\n"
        + "{\"add\":{\"element\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban6\","
        + "\"elem\":[\"2001:db8::1\"]}}}]}\n");
    assertThat(runner.commands().get(1).timeout()).isEqualTo(NftSettings.DEFAULT_TIMEOUT);
  }

  @Test
  void anAbsentAddressMakesItRetryOnceAddingBeforeDeleting() throws IOException {
    replies.on("-j -f -", 1, "", ENOENT);
    backend.apply(new Diff(set("192.0.2.1"), set("203.0.113.9")));

    assertThat(runner.stdins()).hasSize(2);
    assertThat(runner.stdins().get(1)).isEqualTo("{\"nftables\":["
        + "{\"add\":{\"element\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban4\","
        + "\"elem\":[\"203.0.113.9\"]}}},\n"
        + "{\"delete\":{\"element\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban4\","
        + "\"elem\":[\"203.0.113.9\"]}}},\n"
        + "{\"add\":{\"element\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban4\","
        + "\"elem\":[\"192.0.2.1\"]}}}]}\n");
  }

  @Test
  void aFailureThatPersistsCarriesTheExitStatusAndNftsWords() {
    replies.on("-j -f -", 1, "", ENOENT).on("-j -f -", 1, "", ENOENT);
    assertThatThrownBy(() -> backend.apply(new Diff(AddressSet.empty(), set("203.0.113.9"))))
        .isInstanceOf(io.github.apiban4j.spi.FirewallException.class)
        .hasMessage("nftables apply: applying 0 additions and 1 removals to table inet apiban"
            + " failed: ip netns exec " + NS + " nft -j -f - <" + runner.commands().get(2).stdinLength()
            + " bytes of input> exited with status 1: internal:0:0-0: Error: Could not process"
            + " rule: No such file or directory");
  }

  @Test
  void aDiffWithAPrefixRewritesThatFamilysIntervalSets() throws IOException {
    replies.on("-j -t list table inet apiban", 0, TERSE, "")
        .on("-j list set inet apiban apiban4net", 0, NET4, "");
    backend.apply(new Diff(set("198.51.100.0/25", "198.51.100.0/26", "192.0.2.1"),
        set("203.0.113.0/24")));

    assertThat(runner.commandLines()).containsExactly(IN_NS + "nft --version",
        IN_NS + "nft -j -t list table inet apiban", IN_NS + "nft -j list set inet apiban apiban4net",
        IN_NS + "nft -j -f -");
    assertThat(runner.stdins()).containsExactly("{\"nftables\":["
        + "{\"add\":{\"element\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban4\","
        + "\"elem\":[\"192.0.2.1\"]}}},\n"
        + "{\"flush\":{\"set\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban4net\"}}},\n"
        + "{\"add\":{\"element\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban4net\","
        + "\"elem\":[{\"prefix\":{\"addr\":\"198.51.100.0\",\"len\":25}}]}}},\n"
        + "{\"add\":{\"set\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban4net2\","
        + "\"type\":\"ipv4_addr\",\"flags\":[\"interval\"]}}},\n"
        + "{\"add\":{\"rule\":{\"family\":\"inet\",\"table\":\"apiban\",\"chain\":\"blocklist\","
        + "\"expr\":[{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"ip\","
        + "\"field\":\"saddr\"}},\"right\":\"@apiban4net2\"}},{\"counter\":null},{\"drop\":null}]}}},\n"
        + "{\"add\":{\"element\":{\"family\":\"inet\",\"table\":\"apiban\",\"name\":\"apiban4net2\","
        + "\"elem\":[{\"prefix\":{\"addr\":\"198.51.100.0\",\"len\":26}}]}}}]}\n");
  }

  @Test
  void everyStringInEveryTransactionIsAKeywordANameOrAParsedAddress() throws IOException {
    SplittableRandom random = new SplittableRandom(4);
    AddressSet.Builder add = AddressSet.builder();
    AddressSet.Builder remove = AddressSet.builder();
    for (int i = 0; i < 3000; i++) {
      boolean prefix = random.nextInt(4) == 0;
      long high = 0x20010db8_00000000L | random.nextInt(1 << 16);
      IpPrefix p = random.nextBoolean()
          ? (prefix ? IpPrefix.ipv4(0xC6336400 | random.nextInt(16) << 4, 28)
              : IpPrefix.ipv4(0xC6336400 | random.nextInt(256), 32))
          : (prefix ? IpPrefix.ipv6(high, 0, 64) : IpPrefix.ipv6(high, random.nextLong(), 128));
      (random.nextBoolean() ? add : remove).add(p);
    }
    AddressSet added = add.build();
    Diff diff = new Diff(added, remove.build().minus(added));
    replies.on("-j -t list table inet apiban", 0, TERSE, "")
        .on("-j list set inet apiban apiban4net", 0, NET4, "")
        .on("-j list set inet apiban apiban6net", 0, "{\"nftables\": []}", "")
        .on("-j -f -", 1, "", ENOENT);
    backend.apply(diff);

    assertThat(runner.stdins()).hasSize(2);
    assertOnlyKnownStrings(diff.toAdd().union(diff.toRemove()).union(set("203.0.113.0/24")));
  }

  /**
   * Every string in every transaction is a keyword, one of the backend's names, or the text of one
   * of {@code addresses}; nothing else appears outside strings but JSON punctuation and numbers.
   */
  private void assertOnlyKnownStrings(AddressSet addresses) {
    Set<String> allowed = new HashSet<>(Set.of("nftables", "add", "delete", "flush", "element",
        "set", "rule", "family", "inet", "table", "name", "elem", "prefix", "addr", "len", "type",
        "flags", "interval", "ipv4_addr", "ipv6_addr", "chain", "expr", "match", "op", "==",
        "left", "payload", "protocol", "ip", "ip6", "field", "saddr", "right", "counter", "drop",
        "apiban", "blocklist", "hook", "prio", "policy", "accept", "filter", "prerouting"));
    for (String s : List.of("apiban4", "apiban6")) {
      allowed.addAll(List.of(s, s + "net", s + "net2", "@" + s, "@" + s + "net", "@" + s + "net2"));
    }
    for (IpPrefix p : addresses) {
      String text = p.toString();
      allowed.add(p.isSingleAddress() ? text : text.substring(0, text.indexOf('/')));
    }
    Pattern string = Pattern.compile("\"([^\"]*)\"");
    for (String t : runner.stdins()) {
      assertThat(t).matches("[\\x20-\\x7e\\n]*");
      Matcher m = string.matcher(t);
      while (m.find()) {
        assertThat(allowed).as("string in the transaction").contains(m.group(1));
      }
      assertThat(t.replaceAll("\"[^\"]*\"", "")).matches("[{}\\[\\]:,0-9\\n\\-nul]*");
    }
    assertThat(runner.commandLines()).allSatisfy(line -> assertThat(line).startsWith(IN_NS
        + "nft "));
  }

  static AddressSet set(String... entries) {
    AddressSet.Builder b = AddressSet.builder();
    for (String e : entries) {
      b.add(IpPrefix.parse(e));
    }
    return b.build();
  }
}
