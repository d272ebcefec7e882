package io.github.apiban4j.iptables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.internal.xtables.XtablesNames;
import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.IpPrefix;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpsetToolTest {
  static final String HEADERS = """
      Name: apiban4
      Type: hash:net
      Revision: 7
      Header: family inet hashsize 1024 maxelem 262144 bucketsize 12 initval 0xab436f89
      Size in memory: 456
      References: 1
      Number of entries: 3

      Name: ports
      Type: bitmap:port
      Revision: 3
      Header: range 0-1023
      Size in memory: 264
      References: 0
      Number of entries: 0

      Name: old6
      Type: hash:ip
      Revision: 6
      Header: family inet6 hashsize 1024 maxelem 65536 timeout 300 counters
      Size in memory: 1240
      References: 0
      Number of entries: 0
      """;

  @Test
  void readsTheHeadersOfEverySet() throws IOException {
    Map<String, IpsetHeader> sets = IpsetTool.parseHeaders(HEADERS);
    assertThat(sets).containsOnlyKeys("apiban4", "ports", "old6");
    assertThat(sets.get("apiban4"))
        .isEqualTo(new IpsetHeader("apiban4", "hash:net", "inet", 262144, 1, 3, List.of()));
    assertThat(sets.get("apiban4").fits("inet")).isTrue();
    assertThat(sets.get("apiban4").fits("inet6")).isFalse();
    assertThat(sets.get("ports").options()).containsExactly("range 0-1023");
    assertThat(sets.get("old6").options()).containsExactly("timeout 300", "counters");
    assertThat(sets.get("old6").describe()).isEqualTo("hash:ip family inet6 timeout 300 counters");
    assertThat(IpsetTool.parseHeaders("")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Name: a\nType hash:net\n", "Type: hash:net\n\n",
      "Name: a\nType: hash:net\nReferences: x\n", "Name: a\nName: b\n"})
  void headersOfAnotherShapeAreAnError(String text) {
    assertThatThrownBy(() -> IpsetTool.parseHeaders(text)).isInstanceOf(IOException.class)
        .hasMessageContaining("ipset list -t");
  }

  @Test
  void readsTheEntriesOfASet() throws IOException {
    AddressSet entries = IpsetTool.parseEntries("apiban6", "inet6", """
        create apiban6 hash:net family inet6 hashsize 1024 maxelem 65536 bucketsize 12 initval 0x1
        add apiban6 2001:db8:1::/48
        add apiban6 2001:db8::1
        """);
    assertThat(entries).containsExactly(IpPrefix.parse("2001:db8::1"),
        IpPrefix.parse("2001:db8:1::/48"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "create apiban4 hash:ip family inet hashsize 1024 maxelem 65536\n",
      "create apiban4 hash:net family inet6 hashsize 1024 maxelem 65536\n",
      "create apiban4 hash:net family inet hashsize 1024 maxelem 65536\nadd apiban4 2001:db8::1\n",
      "create apiban4 hash:net family inet hashsize 1024 maxelem 65536\nadd apiban4 192.0.2.1 nomatch\n",
      "create apiban4 hash:net family inet hashsize 1024 maxelem 65536\nadd apiban4 192.0.2.1 timeout 5\n",
      "create apiban4 hash:net family inet hashsize 1024 maxelem 65536\nadd other 192.0.2.1\n",
      "create apiban4 hash:net family inet hashsize 1024 maxelem 65536\nadd apiban4 host.example\n"})
  void entriesOfAnotherShapeAreAnError(String text) {
    assertThatThrownBy(() -> IpsetTool.parseEntries("apiban4", "inet", text))
        .isInstanceOf(IOException.class).hasMessageContaining("set apiban4");
  }

  @Test
  void stagingSetsStayWithinTheNameLimit() {
    assertThat(XtablesNames.stagingSet("apiban4")).isEqualTo("apiban4-new");
    String longest = "a".repeat(31);
    assertThat(XtablesNames.stagingSet(longest)).hasSize(31).endsWith("-new");
  }
}
