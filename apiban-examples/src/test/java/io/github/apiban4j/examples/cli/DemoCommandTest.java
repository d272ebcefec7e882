package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code apiban demo}, in-process: its output says what the real engine did, and it cleans up. */
class DemoCommandTest {

  static String line(String out, String prefix) {
    return out.lines().filter(l -> l.strip().startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in:\n" + out));
  }

  @Test
  void pullsTheSyntheticFeedAndReportsRefusalsByReason() {
    CliRun run = CliRun.run(Map.of(), "demo");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String out = run.out();

    // 3000 attackers minus the 4 inside the trunk's allow range.
    assertThat(line(out, "1. first sync")).contains("13 pages").contains("3016 entries fetched")
        .contains("+2996 added").contains("20 refused").contains("2996 enforced");
    assertThat(line(out, "refused:")).isEqualTo("   refused: malformed 3, loopback 3, unspecified 1,"
        + " link-local 2, multicast 2, broadcast 1, private 3, allowlist 4, prefix-too-short 1");
    assertThat(line(out, "2. APIBAN reports")).contains("incremental").contains("+5")
        .contains("3001 enforced").contains("cursor " + (DemoFeed.FIRST_ID + 3015));
    assertThat(line(out, "3. nothing new")).contains("+0 -0");
    assertThat(line(out, "4. the firewall loses everything")).contains("3001 entries restored")
        .contains("with 0 requests");
    assertThat(line(out, DemoList.ATTACKER + ":")).contains("banned here")
        .doesNotContain("not banned").contains("; listed at APIBAN");
    assertThat(line(out, DemoList.CLEAN + ":")).contains("not banned here")
        .contains("not listed at APIBAN");
    assertThat(line(out, DemoList.TRUNK_ADDRESS + ":")).contains("never blocked: allowlist");
  }

  @Test
  void removesItsTemporaryDirectory() {
    CliRun run = CliRun.run(Map.of(), "demo", "--attackers", "300");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher m = Pattern.compile("removed (\\S+)\\.$", Pattern.MULTILINE).matcher(run.out());
    assertThat(m.find()).as(run.out()).isTrue();
    Path dir = Path.of(m.group(1));
    assertThat(dir.getFileName().toString()).startsWith("apiban-demo-");
    assertThat(Files.exists(dir)).isFalse();
    assertThat(line(run.out(), "1. first sync")).contains("+296 added");
  }

  @Test
  void refusesBadUsage() {
    assertThat(CliRun.run(Map.of(), "demo", "--attackers", "3").exitCode())
        .isEqualTo(ExitCode.USAGE);
    CliRun backendWithoutNetns = CliRun.run(Map.of(), "demo", "--backend", "nftables");
    assertThat(backendWithoutNetns.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(backendWithoutNetns.err()).contains("--netns");
  }
}
