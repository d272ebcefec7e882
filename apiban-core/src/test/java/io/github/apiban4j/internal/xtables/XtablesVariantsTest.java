package io.github.apiban4j.internal.xtables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apiban4j.internal.exec.CommandResult;
import io.github.apiban4j.internal.exec.ProcessCommandRunner;
import io.github.apiban4j.testkit.RecordingCommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XtablesVariantsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static RecordingCommandRunner system(String variant, String legacy4, String legacy6) {
    return RecordingCommandRunner.succeeding(c -> switch (c.program()) {
      case "iptables-save" -> "iptables-save v1.8.9 (" + variant + ")\n";
      case "iptables-legacy-save", "iptables-nft-save" -> legacy4;
      case "ip6tables-legacy-save", "ip6tables-nft-save" -> legacy6;
      default -> throw new AssertionError(c);
    });
  }

  @Test
  void rulesInLegacyBesideNftAreReported() throws IOException {
    RecordingCommandRunner runner = system("nf_tables",
        "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 192.0.2.9/32 -j DROP\n-A INPUT -j LOG\nCOMMIT\n"
            + "*raw\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n",
        "*raw\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j APIBAN\n:APIBAN - [0:0]\nCOMMIT\n");
    Optional<String> warning =
        XtablesVariants.otherVariantWarning(runner, Optional.of("ns1"), TIMEOUT);
    assertThat(warning).contains("iptables-legacy also holds rules (iptables table filter: 2"
        + " rules, ip6tables table raw: 1 rule), besides the iptables-nft ruleset that iptables"
        + " here uses; the kernel runs both and each tool shows only its own, so check them with"
        + " iptables-legacy-save and ip6tables-legacy-save and keep the firewall in one variant");
    assertThat(runner.commandLines()).containsExactly("iptables-save --version",
        "ip netns exec ns1 iptables-legacy-save", "ip netns exec ns1 ip6tables-legacy-save");
  }

  @Test
  void aLegacySystemLooksAtNft() throws IOException {
    RecordingCommandRunner runner = system("legacy", "", "");
    assertThat(XtablesVariants.otherVariantWarning(runner, Optional.empty(), TIMEOUT)).isEmpty();
    assertThat(runner.commandLines()).containsExactly("iptables-save --version",
        "iptables-nft-save", "ip6tables-nft-save");
  }

  @Test
  void emptyTablesAreNoReason() throws IOException {
    RecordingCommandRunner runner = system("nf_tables",
        "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n", "");
    assertThat(XtablesVariants.otherVariantWarning(runner, Optional.empty(), TIMEOUT)).isEmpty();
  }

  @Test
  void anUninstalledOtherVariantHoldsNothing(@TempDir Path dir) throws IOException {
    RecordingCommandRunner runner = RecordingCommandRunner.answering(c -> {
      if (c.program().equals("iptables-save")) {
        return CommandResult.of(c, 0, "iptables-save v1.8.9 (nf_tables)\n", "");
      }
      // Resolving in an empty directory throws the real CommandNotFoundException.
      return new ProcessCommandRunner().withSearchPath(List.of(dir)).run(c);
    });
    assertThat(XtablesVariants.otherVariantWarning(runner, Optional.empty(), TIMEOUT)).isEmpty();
    assertThat(runner.commands()).hasSize(3);
  }

  @Test
  void aSaveToolWithoutVersionIsAnError() {
    RecordingCommandRunner runner = RecordingCommandRunner.succeeding(c -> "hello\n");
    assertThatThrownBy(() -> XtablesVariants.systemVariant(runner, TIMEOUT))
        .isInstanceOf(IOException.class)
        .hasMessage("iptables-save --version printed no version: 'hello'");
  }
}
