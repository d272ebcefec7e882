package io.github.apiban4j.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.testkit.RecordingCommandRunner;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What {@code prepare()} sends to repair the chain, byte for byte: never a drop rule that is
 * intact, so that its counter goes on counting, and the counts along when the chain itself must go.
 */
class NftablesChainRepairTest {
  private static final String TERSE = "-j -t list table inet apiban";
  private static final String ADD_CHAIN = "{\"add\":{\"chain\":{\"family\":\"inet\","
      + "\"table\":\"apiban\",\"name\":\"blocklist\",\"type\":\"filter\",\"hook\":\"prerouting\","
      + "\"prio\":-300,\"policy\":\"accept\"}}}";

  private final NftReplies replies = new NftReplies();
  private final RecordingCommandRunner runner = RecordingCommandRunner.answering(replies);
  private final NftablesBackend backend =
      new NftablesBackend(NftSettingsFixture.in("apiban-it-unit"), runner);

  @Test
  void aWholeTableIsLeftAlone() throws IOException {
    replies.on(TERSE, 0, withIntactRules(chain(-300, "accept")), "");
    assertThat(backend.prepare()).isFalse();
    assertThat(runner.stdins()).isEmpty();
  }

  @Test
  void onlyTheMissingRuleIsAddedAndOnlyForeignAndDuplicateRulesAreDeleted() throws IOException {
    replies.on(TERSE, 0, table(chain(-300, "accept"), rule(5, "ip", "apiban4", 3, 180),
        rule(6, "ip", "apiban4net", 0, 0), rule(7, "ip6", "apiban6net", 0, 0),
        "{\"rule\": {\"family\": \"inet\", \"table\": \"apiban\", \"chain\": \"blocklist\","
            + " \"handle\": 8, \"expr\": [{\"accept\": null}]}}",
        rule(9, "ip", "apiban4", 0, 0)), "");
    assertThat(backend.prepare()).isTrue();
    assertThat(runner.stdins()).containsExactly("{\"nftables\":["
        + "{\"delete\":{\"rule\":{\"family\":\"inet\",\"table\":\"apiban\",\"chain\":\"blocklist\","
        + "\"handle\":8}}},\n"
        + "{\"delete\":{\"rule\":{\"family\":\"inet\",\"table\":\"apiban\",\"chain\":\"blocklist\","
        + "\"handle\":9}}},\n"
        + dropRule("ip6", "apiban6", "null") + "]}\n");
  }

  @Test
  void aWrongPolicyIsSetInPlace() throws IOException {
    replies.on(TERSE, 0, withIntactRules(chain(-300, "drop")), "");
    assertThat(backend.prepare()).isTrue();
    assertThat(runner.stdins()).containsExactly("{\"nftables\":[" + ADD_CHAIN + "]}\n");
  }

  @Test
  void aChainAtAnotherPriorityIsRecreatedWithItsRulesCounts() throws IOException {
    replies.on(TERSE, 0, table(chain(0, "accept"), rule(5, "ip", "apiban4", 3, 180),
        rule(6, "ip", "apiban4net", 0, 0), rule(7, "ip6", "apiban6", 2, 160),
        rule(8, "ip6", "apiban6", 1, 80)), "");
    assertThat(backend.prepare()).isTrue();
    assertThat(runner.stdins()).containsExactly("{\"nftables\":["
        + "{\"delete\":{\"chain\":{\"family\":\"inet\",\"table\":\"apiban\","
        + "\"name\":\"blocklist\"}}},\n"
        + ADD_CHAIN + ",\n"
        + dropRule("ip", "apiban4", "{\"packets\":3,\"bytes\":180}") + ",\n"
        + dropRule("ip", "apiban4net", "null") + ",\n"
        + dropRule("ip6", "apiban6", "{\"packets\":3,\"bytes\":240}") + ",\n"
        + dropRule("ip6", "apiban6net", "null") + "]}\n");
  }

  private static String dropRule(String protocol, String set, String counter) {
    return "{\"add\":{\"rule\":{\"family\":\"inet\",\"table\":\"apiban\",\"chain\":\"blocklist\","
        + "\"expr\":[{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"" + protocol
        + "\",\"field\":\"saddr\"}},\"right\":\"@" + set + "\"}},{\"counter\":" + counter
        + "},{\"drop\":null}]}}}";
  }

  /** A terse listing with {@code chain} and its four drop rules; apiban4's has counted. */
  private static String withIntactRules(String chain) {
    return table(chain, rule(5, "ip", "apiban4", 3, 180), rule(6, "ip", "apiban4net", 0, 0),
        rule(7, "ip6", "apiban6", 0, 0), rule(8, "ip6", "apiban6net", 0, 0));
  }

  /** A terse listing of table inet apiban with the four base sets and {@code objects}. */
  private static String table(String... objects) {
    StringBuilder sb = new StringBuilder("{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}},"
        + " {\"table\": {\"family\": \"inet\", \"name\": \"apiban\", \"handle\": 1}}");
    String[][] sets = {{"apiban4", "ipv4_addr", ""}, {"apiban4net", "ipv4_addr", "interval"},
        {"apiban6", "ipv6_addr", ""}, {"apiban6net", "ipv6_addr", "interval"}};
    for (String[] s : sets) {
      sb.append(", {\"set\": {\"family\": \"inet\", \"name\": \"").append(s[0])
          .append("\", \"table\": \"apiban\", \"type\": \"").append(s[1]).append('"')
          .append(s[2].isEmpty() ? "" : ", \"flags\": [\"" + s[2] + "\"]").append("}}");
    }
    for (String o : objects) {
      sb.append(", ").append(o);
    }
    return sb.append("]}").toString();
  }

  private static String chain(int priority, String policy) {
    return "{\"chain\": {\"family\": \"inet\", \"table\": \"apiban\", \"name\": \"blocklist\","
        + " \"handle\": 4, \"type\": \"filter\", \"hook\": \"prerouting\", \"prio\": " + priority
        + ", \"policy\": \"" + policy + "\"}}";
  }

  private static String rule(long handle, String protocol, String set, long packets, long bytes) {
    return "{\"rule\": {\"family\": \"inet\", \"table\": \"apiban\", \"chain\": \"blocklist\","
        + " \"handle\": " + handle + ", \"expr\": [{\"match\": {\"op\": \"==\", \"left\":"
        + " {\"payload\": {\"protocol\": \"" + protocol + "\", \"field\": \"saddr\"}}, \"right\":"
        + " \"@" + set + "\"}}, {\"counter\": {\"packets\": " + packets + ", \"bytes\": " + bytes
        + "}}, {\"drop\": null}]}}";
  }
}
