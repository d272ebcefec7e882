package io.github.apiban4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTest {

  @Test
  void argvIsProgramThenArguments() {
    Command c = Command.of("nft", "-f", "-");
    assertThat(c.argv()).containsExactly("nft", "-f", "-");
    assertThat(c.namespace()).isEmpty();
    assertThat(c.timeout()).isEqualTo(Command.DEFAULT_TIMEOUT);
    assertThat(c.stdinLength()).isZero();
  }

  @Test
  void namespaceByNameRunsThroughIpNetnsExec() {
    Command c = Command.of("nft", "list", "ruleset").inNamespace("apiban-it-0a1b");
    assertThat(c.argv())
        .containsExactly("ip", "netns", "exec", "apiban-it-0a1b", "nft", "list", "ruleset");
    assertThat(c.namespace()).contains("apiban-it-0a1b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/run/netns/apiban-it-0a1b", "/proc/1234/ns/net", "/proc/self/ns/net"})
  void namespaceByPathRunsThroughNsenter(String path) {
    Command c = Command.of("ipset", "list").inNamespace(path);
    assertThat(c.argv()).containsExactly("nsenter", "--net=" + path, "--", "ipset", "list");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "-n", "--help", "a b", "a/b", "../etc", "x;reboot",
      "/run/netns/..", "/run/netns/../../etc/passwd", "/etc/passwd", "/proc/0/ns/net",
      "/proc/12/ns/mnt", "/var/run/netns/x", "run/netns/x",
      "a123456789a123456789a123456789a123456789a123456789a123456789abcde"})
  void badNamespacesAreRefused(String ns) {
    Command c = Command.of("true");
    assertThatThrownBy(() -> c.inNamespace(ns))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a network namespace");
  }

  @Test
  void namesOfSixtyFourCharactersAreAccepted() {
    String name = "a".repeat(64);
    assertThat(Command.checkNamespace(name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/bin/sh", "sh -c", "../nft", "-nft", "nft;id", "a\0b"})
  void programMustBeABareName(String program) {
    assertThatThrownBy(() -> Command.of(program))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bare name");
  }

  @Test
  void argumentsWithNulAreRefused() {
    assertThatThrownBy(() -> Command.of("printf", "a\0b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
  }

  @Test
  void toStringShowsArgvAndInputSizeButNeverInput() {
    Command c = Command.of("nft", "-f", "-").withStdin("add element ip apiban s { 192.0.2.1 }")
        .inNamespace("apiban-it-x");
    assertThat(c.toString())
        .isEqualTo("ip netns exec apiban-it-x nft -f - <37 bytes of input>")
        .doesNotContain("192.0.2.1");
    assertThat(Command.of("true").toString()).isEqualTo("true");
  }

  @Test
  void isImmutable() {
    byte[] input = "abc".getBytes(StandardCharsets.US_ASCII);
    List<String> args = new java.util.ArrayList<>(List.of("x"));
    Command c = Command.of("cat", args).withStdin(input);
    input[0] = 'z';
    args.add("y");
    c.stdin()[1] = 'z';
    assertThat(c.stdin()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(c.arguments()).containsExactly("x");
    assertThatThrownBy(() -> c.arguments().add("y"))
        .isInstanceOf(UnsupportedOperationException.class);
    Command later = c.withTimeout(Duration.ofSeconds(1));
    assertThat(c.timeout()).isEqualTo(Command.DEFAULT_TIMEOUT);
    assertThat(later.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(later.stdin()).isEqualTo(c.stdin());
  }

  @Test
  void timeoutMustBePositive() {
    Command c = Command.of("true");
    assertThatThrownBy(() -> c.withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
