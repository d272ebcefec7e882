package io.github.apiban4j.nftables.internal;

import static io.github.apiban4j.nftables.internal.NftablesBackendCommandsTest.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.address.IpPrefix;
import io.github.apiban4j.nftables.internal.NftListing.ListedChain;
import io.github.apiban4j.nftables.internal.NftListing.ListedRule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading nft 1.0.6's JSON listings, as captured from it. */
class NftListingTest {
  private static final String TABLE = """
      {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5",
       "json_schema_version": 1}},
       {"table": {"family": "inet", "name": "apiban", "handle": 1}},
       {"set": {"family": "inet", "name": "apiban4", "table": "apiban", "type": "ipv4_addr",
        "handle": 1, "elem": ["192.0.2.1", {"elem": {"val": "198.51.100.7", "timeout": 60,
        "expires": 59}}]}},
       {"set": {"family": "inet", "name": "apiban4net", "table": "apiban", "type": "ipv4_addr",
        "handle": 2, "flags": ["interval"], "elem": [{"prefix": {"addr": "192.0.2.0", "len": 24}},
        {"range": ["198.51.100.16", "198.51.100.40"]}, "203.0.113.5"]}},
       {"set": {"family": "inet", "name": "apiban6", "table": "apiban", "type": "ipv6_addr",
        "handle": 3}},
       {"map": {"family": "inet", "name": "m", "table": "apiban", "type": "ipv4_addr",
        "map": "verdict", "handle": 5}},
       {"chain": {"family": "inet", "table": "apiban", "name": "blocklist", "handle": 4,
        "type": "filter", "hook": "prerouting", "prio": -300, "policy": "accept"}},
       {"rule": {"family": "inet", "table": "apiban", "chain": "blocklist", "handle": 6,
        "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip6",
        "field": "saddr"}}, "right": "@apiban6"}}, {"counter": {"packets": 3, "bytes": 312}},
        {"drop": null}]}},
       {"rule": {"family": "inet", "table": "apiban", "chain": "blocklist", "handle": 7,
        "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp",
        "field": "dport"}}, "right": 22}}, {"accept": null}]}}]}
      """;

  @Test
  void readsSetsChainsRulesAndOtherObjects() throws IOException {
    NftListing l = parse(TABLE);
    assertThat(l.sets()).containsOnlyKeys("apiban4", "apiban4net", "apiban6");
    assertThat(l.sets().get("apiban4").elements()).isEqualTo(set("192.0.2.1", "198.51.100.7"));
    assertThat(l.sets().get("apiban4").interval()).isFalse();
    assertThat(l.sets().get("apiban4net").interval()).isTrue();
    assertThat(l.sets().get("apiban4net").elements()).isEqualTo(set("192.0.2.0/24",
        "198.51.100.16/28", "198.51.100.32/29", "198.51.100.40", "203.0.113.5"));
    assertThat(l.sets().get("apiban4net").ranges()).isEqualTo(1);
    assertThat(l.sets().get("apiban6").elements().isEmpty()).isTrue();
    assertThat(l.chains()).containsExactlyEntriesOf(java.util.Map.of("blocklist",
        new ListedChain("blocklist", "filter", "prerouting", -300, "accept")));
    assertThat(l.rules()).containsExactly(
        new ListedRule("blocklist", 6, true, "apiban6", 3, 312),
        new ListedRule("blocklist", 7, false, null, 0, 0));
    assertThat(l.others()).containsExactly("map m");
  }

  @Test
  void countsTheElementsAListingPrintedMoreThanOnce() throws IOException {
    NftListing l = parse("{\"nftables\": [{\"set\": {\"name\": \"apiban6\", \"type\":"
        + " \"ipv6_addr\", \"elem\": [\"2001:db8::1\", \"2001:db8::2\", \"2001:db8::1\","
        + " \"2001:db8::1\"]}}, {\"set\": {\"name\": \"apiban4\", \"type\": \"ipv4_addr\","
        + " \"elem\": [\"192.0.2.1\", \"198.51.100.7\"]}}]}");
    assertThat(l.sets().get("apiban6").elements()).isEqualTo(set("2001:db8::1", "2001:db8::2"));
    assertThat(l.sets().get("apiban6").repeated()).isEqualTo(2);
    assertThat(l.sets().get("apiban4").repeated()).isZero();
    assertThat(l.repeated()).isEqualTo(2);
    assertThat(parse(TABLE).repeated()).isZero();
  }

  @Test
  void coversARangeWithTheFewestPrefixes() {
    assertThat(NftListing.coverRange(p("0.0.0.0"), p("255.255.255.255")))
        .containsExactly(p("0.0.0.0/0"));
    assertThat(NftListing.coverRange(p("192.0.2.1"), p("192.0.2.6")))
        .containsExactly(p("192.0.2.1"), p("192.0.2.2/31"), p("192.0.2.4/31"), p("192.0.2.6"));
    assertThat(NftListing.coverRange(p("2001:db8::"), p("2001:db8::1:ffff")))
        .containsExactly(p("2001:db8::/111"));
    assertThat(NftListing.coverRange(p("2001:db8::ffff"), p("2001:db8::1:0")))
        .containsExactly(p("2001:db8::ffff"), p("2001:db8::1:0"));
  }

  @Test
  void refusesWhatIsNoAddress() {
    assertThatThrownBy(() -> parse("{\"nftables\": [{\"set\": {\"name\": \"s\", \"elem\":"
        + " [\"192.0.2.1; flush ruleset\"]}}]}"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("nft printed a listing apiban4j cannot read");
    assertThatThrownBy(() -> parse("{\"nftables\": [{\"set\": {\"elem\": []}}]}"))
        .isInstanceOf(IOException.class).hasMessageContaining("a set without a name");
    assertThatThrownBy(() -> parse("[1, 2]")).isInstanceOf(IOException.class);
  }

  private static NftListing parse(String json) throws IOException {
    return NftListing.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static IpPrefix p(String text) {
    return IpPrefix.parse(text);
  }
}
