package io.github.apiban4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandResultTest {
  private static final Command NFT = Command.of("nft", "-f", "-").withStdin("secret input");

  @Test
  void requireSuccessReturnsTheResultOnZero() throws IOException {
    CommandResult ok = CommandResult.of(NFT, 0, "out", "");
    assertThat(ok.requireSuccess("adding")).isSameAs(ok);
    assertThat(ok.succeeded()).isTrue();
    assertThat(ok.stdout()).isEqualTo("out");
    assertThat(ok.stdoutBytes()).containsExactly('o', 'u', 't');
    assertThat(ok.stdoutStream().readAllBytes()).containsExactly('o', 'u', 't');
  }

  @Test
  void requireSuccessQuotesExitCodeAndStderr() {
    CommandResult failed = CommandResult.of(NFT, 1, "",
        "\n/dev/stdin:1:1-3: Error: syntax error, unexpected junk\njunk\n^^^\n\n");
    assertThatThrownBy(() -> failed.requireSuccess("adding 3 addresses to apiban4"))
        .isInstanceOfSatisfying(CommandFailedException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(1);
          assertThat(e.stderr())
              .isEqualTo("/dev/stdin:1:1-3: Error: syntax error, unexpected junk\njunk\n^^^");
          assertThat(e.permissionDenied()).isFalse();
          assertThat(e.command()).isEqualTo("nft -f - <12 bytes of input>");
          assertThat(e.getMessage())
              .startsWith("adding 3 addresses to apiban4 failed: nft -f - <12 bytes of input>"
                  + " exited with status 1: /dev/stdin:1:1-3: Error: syntax error")
              .doesNotContain("secret");
        });
  }

  @Test
  void failureWithoutStderrSaysOnlyTheStatus() {
    assertThatThrownBy(() -> CommandResult.of(Command.of("false"), 1, "", " \n")
        .requireSuccess("checking"))
        .hasMessage("checking failed: false exited with status 1");
  }

  @Test
  void longStderrIsCutForMessagesButKeptWhole() {
    String noise = "x".repeat(CommandResult.SUMMARY_CHARS + 500);
    CommandResult r = CommandResult.of(NFT, 2, "", noise);
    assertThat(r.stderr()).isEqualTo(noise);
    assertThat(r.stderrSummary())
        .startsWith("x".repeat(CommandResult.SUMMARY_CHARS))
        .endsWith("… (500 more characters)")
        .hasSize(CommandResult.SUMMARY_CHARS + "… (500 more characters)".length());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ipset v7.17: Kernel error received: Operation not permitted",
      "Error: Could not process rule: Operation not permitted\nadd table ip apiban\n^^^^^^^^^^^",
      "iptables-restore v1.8.9 (nf_tables): Could not fetch rule set generation id:"
          + " Permission denied (you must be root)",
      "iptables v1.6.1: can't initialize iptables table `filter': Permission denied (you must be"
          + " root)",
      "mount --make-shared /run/netns failed: Operation not permitted",
      "nsenter: reassociate to namespace 'ns/net' failed: Operation not permitted"})
  void recognisesPermissionFailures(String stderr) {
    CommandResult r = CommandResult.of(NFT, 1, "", stderr);
    assertThat(r.permissionDenied()).isTrue();
    assertThatThrownBy(() -> r.requireSuccess("x"))
        .isInstanceOfSatisfying(CommandFailedException.class,
            e -> assertThat(e.permissionDenied()).isTrue());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ipset v7.17: The set with the given name does not exist",
      "Error: No such file or directory; did you mean table 'apiban' in family inet?",
      "iptables-restore: line 3 failed", ""})
  void otherFailuresAreNotPermissionFailures(String stderr) {
    assertThat(CommandResult.of(NFT, 1, "", stderr).permissionDenied()).isFalse();
  }

  @Test
  void successIsNeverAPermissionFailure() {
    assertThat(CommandResult.of(NFT, 0, "", "Warning: Permission denied reading cache")
        .permissionDenied()).isFalse();
  }
}
