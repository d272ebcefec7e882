package io.github.apiban4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The end-to-end fixtures: a veth pair between two namespaces, and the UDP probe across it. */
class VethPairIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void aDatagramCrossesThePairUntilTheLinkGoesDown() throws IOException {
    VethPair pair = VethPair.create("203.0.113.7", "198.51.100.1");
    try (pair) {
      assertThat(pair.left().address()).isEqualTo("203.0.113.7");
      assertThat(pair.right().namespace().exec("ip", "-o", "-4", "addr", "show", "dev", "veth0")
          .requireSuccess("ip addr").stdout()).contains("inet 198.51.100.1/32");
      byte[] options = UdpProbe.sipOptions(pair.left(), pair.right(), 5060);
      assertThat(new String(options, StandardCharsets.US_ASCII))
          .startsWith("OPTIONS sip:100@198.51.100.1:5060 SIP/2.0\r\n");

      assertThat(UdpProbe.send(pair.left(), pair.right(), 5060, options, TIMEOUT)).isTrue();

      pair.right().namespace().exec("ip", "link", "set", "veth0", "down").requireSuccess("down");
      assertThat(UdpProbe.send(pair.left(), pair.right(), 5060, options, TIMEOUT)).isFalse();
    }
    assertThat(pair.left().namespace().toString()).endsWith(", deleted]");
    assertThat(pair.right().namespace().toString()).endsWith(", deleted]");
  }

  @Test
  void worksForIpv6Too() throws IOException {
    try (VethPair pair = VethPair.create("2001:db8:7::7", "2001:db8:1::1")) {
      byte[] payload = "ping".getBytes(StandardCharsets.US_ASCII);
      assertThat(UdpProbe.send(pair.left(), pair.right(), 5060, payload, TIMEOUT)).isTrue();
      assertThat(UdpProbe.send(pair.right(), pair.left(), 5061, payload, TIMEOUT)).isTrue();
    }
  }

  @Test
  void refusesMixedFamiliesBeforeCreatingAnything() {
    assertThatThrownBy(() -> VethPair.create("203.0.113.7", "2001:db8::1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same family");
  }
}
