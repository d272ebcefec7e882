package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code unban} and {@code pin}: applied at once, stored, shown, honoured by later syncs. */
class OverrideCommandsTest extends CliTestBase {

  List<String> kernelEntries() throws Exception {
    return Files.readAllLines(kernel().resolve("sets"));
  }

  @Test
  void anUnbanRemovesTheEntryNowAndEveryLaterSyncRefusesIt() throws Exception {
    apiban.publish("198.51.100.7", "198.51.100.8");
    assertThat(apiban("sync").exitCode()).isZero();

    CliRun unban = apiban("unban", "198.51.100.7");
    assertThat(unban.exitCode()).as(unban.err()).isZero();
    assertThat(unban.out()).contains("198.51.100.7 unbanned").contains("-1");
    assertThat(kernelEntries()).containsExactly("198.51.100.8");

    apiban.publish("198.51.100.7");
    CliRun sync = apiban("sync", "--json");
    assertThat(sync.exitCode()).isZero();
    assertThat(sync.json().get("refusedByReason")).isEqualTo(Map.of("unbanned", 1.0));
    assertThat(kernelEntries()).containsExactly("198.51.100.8");

    Map<String, Object> status = apiban("status", "--json").json();
    assertThat(status.get("unbanned")).isEqualTo(List.of("198.51.100.7"));
    assertThat(apiban("list", "--json").json().get("unbanned")).isEqualTo(List.of("198.51.100.7"));
    assertThat(apiban("check", "198.51.100.7", "--local", "--json").json())
        .containsEntry("refusal", "unbanned").containsEntry("banned", false);

    assertThat(apiban("unban", "--undo", "198.51.100.7").exitCode()).isZero();
    apiban.publish("198.51.100.7");
    assertThat(apiban("sync").exitCode()).isZero();
    assertThat(kernelEntries()).containsExactly("198.51.100.7", "198.51.100.8");
  }

  @Test
  void aPinIsEnforcedAtOnceShownAndWithdrawnCleanly() throws Exception {
    CliRun pin = apiban("pin", "203.0.113.0/28");
    assertThat(pin.exitCode()).as(pin.err()).isZero();
    assertThat(kernelEntries()).containsExactly("203.0.113.0/28");

    assertThat(apiban("check", "203.0.113.5", "--local", "--json").json())
        .containsEntry("banned", true).containsEntry("pinned", true);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries =
        (List<Map<String, Object>>) apiban("list", "--json").json().get("entries");
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("entry", "203.0.113.0/28").containsEntry("pinned", true)
          .containsEntry("lastSeen", null).containsEntry("expires", null);
    });
    assertThat(apiban("status", "--json").json().get("pinned"))
        .isEqualTo(List.of("203.0.113.0/28"));

    CliRun again = apiban("pin", "203.0.113.0/28");
    assertThat(again.out()).contains("already");

    assertThat(apiban("pin", "--undo", "203.0.113.0/28").exitCode()).isZero();
    assertThat(kernelEntries()).isEmpty();
    assertThat(apiban("sync").exitCode()).isZero();
    assertThat(kernelEntries()).isEmpty();
  }

  @Test
  void theAllowlistRefusesAPin() throws Exception {
    CliRun run = apiban("pin", "127.0.0.1");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("loopback").contains("allowlist always wins");
    CliRun allowed = apiban("pin", "198.51.100.9", "--allow", "198.51.100.0/24");
    assertThat(allowed.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(Files.exists(state())).isFalse();
  }

  @Test
  void anOverrideBeforeTheFirstSyncIsKeptByIt() throws Exception {
    assertThat(apiban("unban", "198.51.100.7").exitCode()).isZero();
    apiban.publish("198.51.100.7", "198.51.100.8");
    CliRun sync = apiban("sync", "--json");
    assertThat(sync.exitCode()).isZero();
    assertThat(sync.json()).containsEntry("mode", "full").containsEntry("added", 1.0);
    assertThat(sync.err()).doesNotContain("belongs to feed");
  }

  @Test
  void aCorruptStateIsNeitherOverwrittenNorSetAside() throws Exception {
    Files.createDirectories(state().getParent());
    Files.writeString(state(), "{not json");
    CliRun run = apiban("unban", "198.51.100.7");
    assertThat(run.exitCode()).isEqualTo(ExitCode.CONFIG);
    assertThat(run.err()).contains("unusable").contains("Run a sync first");
    assertThat(Files.readString(state())).isEqualTo("{not json");
  }
}
