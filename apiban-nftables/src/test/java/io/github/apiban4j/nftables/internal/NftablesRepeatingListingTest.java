package io.github.apiban4j.nftables.internal;

import static io.github.apiban4j.nftables.internal.NftablesBackendCommandsTest.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.spi.FirewallException;
import io.github.apiban4j.testkit.RecordingCommandRunner;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A listing that prints an element twice left another out (the kernel was resizing the set's hash
 * table while it listed): the backend lists again rather than report a set that lacks entries.
 */
class NftablesRepeatingListingTest {
  private static final String LIST = "-j list table inet apiban";
  /** The kernel holds 2001:db8::1 to ::3; this dump repeated ::1 where ::3 belonged. */
  private static final String REPEATING = listing("\"2001:db8::1\", \"2001:db8::2\","
      + " \"2001:db8::1\"");
  private static final String WHOLE = listing("\"2001:db8::2\", \"2001:db8::3\","
      + " \"2001:db8::1\"");

  private final NftReplies replies = new NftReplies();
  private final RecordingCommandRunner runner = RecordingCommandRunner.answering(replies);
  private final NftablesBackend backend =
      new NftablesBackend(NftSettingsFixture.in("apiban-it-unit"), runner);

  @Test
  void aListingThatRepeatsAnElementIsReadAgain() throws IOException {
    replies.on(LIST, 0, REPEATING, "").on(LIST, 0, REPEATING, "").on(LIST, 0, WHOLE, "");

    assertThat(backend.current()).isEqualTo(set("2001:db8::1", "2001:db8::2", "2001:db8::3"));
    assertThat(runner.commandLines()).filteredOn(line -> line.endsWith(LIST)).hasSize(3);
  }

  @Test
  void aListingThatKeepsRepeatingIsAnErrorAndChangesNothing() {
    for (int i = 0; i < Nft.LISTING_ATTEMPTS; i++) {
      replies.on(LIST, 0, REPEATING, "");
    }

    assertThatThrownBy(backend::current)
        .isInstanceOf(FirewallException.class)
        .hasMessage("nftables current: ip netns exec apiban-it-unit nft " + LIST + " printed 1"
            + " elements twice, and so left as many out, in each of " + Nft.LISTING_ATTEMPTS
            + " listings: the kernel was still resizing the set after a large change; nothing was"
            + " changed, and the next sync reads the set again");
    assertThat(runner.stdins()).isEmpty();
    assertThat(runner.commands()).hasSize(1 + Nft.LISTING_ATTEMPTS);
  }

  private static String listing(String elements) {
    return "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}},"
        + " {\"table\": {\"family\": \"inet\", \"name\": \"apiban\", \"handle\": 1}},"
        + " {\"set\": {\"family\": \"inet\", \"name\": \"apiban6\", \"table\": \"apiban\","
        + " \"type\": \"ipv6_addr\", \"handle\": 3, \"elem\": [" + elements + "]}}]}";
  }
}
