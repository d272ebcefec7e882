package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code status}, {@code check} and {@code list} end to end, text and JSON. */
class StatusCheckListTest extends CliTestBase {

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, Object> json, String key) {
    return (Map<String, Object>) json.get(key);
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Map<String, Object> json, String key) {
    return (List<Object>) json.get(key);
  }

  @Test
  void statusBeforeAnySyncSaysSoAndIsUnhealthy() throws Exception {
    CliRun run = apiban("status", "--json");
    assertThat(run.exitCode()).isEqualTo(ExitCode.SOFTWARE);
    Map<String, Object> json = run.json();
    assertThat(json).containsEntry("healthy", false).containsEntry("cursor", null)
        .containsEntry("backend", FileBackend.NAME);
    assertThat(array(json, "problems").toString()).contains("no state file");
  }

  @Test
  void statusAfterASyncShowsCountsPerFamilyAndNoDrift() throws Exception {
    apiban.publishMany(770).publish("127.0.0.1"); // 768 IPv4 (less this host's), then IPv6
    assertThat(apiban("sync").exitCode()).isZero();

    CliRun run = apiban("status", "--json");
    assertThat(run.exitCode()).as(run.out()).isZero();
    Map<String, Object> json = run.json();
    assertThat(json).containsEntry("healthy", true).containsEntry("hook", "present")
        .containsEntry("cursor", Long.toString(FakeApibanIds.last(771)))
        .containsEntry("stale", false).containsEntry("drift", Map.of("missing", 0.0, "extra", 0.0));
    Map<String, Object> desired = object(json, "desired");
    assertThat(desired.get("total")).isEqualTo(770.0);
    assertThat((double) desired.get("ipv4") + (double) desired.get("ipv6")).isEqualTo(770.0);
    assertThat(object(json, "enforced")).isEqualTo(desired);
    assertThat((double) json.get("lastSuccessAgeSeconds")).isBetween(0.0, 60.0);

    CliRun text = apiban("status");
    assertThat(text.out()).contains("healthy").contains("drift:        none")
        .contains("hook present");
  }

  @Test
  void statusShowsDriftAMissingHookStalenessAndDrops() throws Exception {
    apiban.publishMany(5);
    assertThat(apiban("sync").exitCode()).isZero();
    Files.write(kernel().resolve("sets"), List.of("192.0.2.200"));
    Files.delete(kernel().resolve("hook"));
    Files.write(kernel().resolve("drops"), List.of("7", "700", "1", "100"));
    clock.advance(Duration.ofHours(2));

    CliRun run = apiban("status", "--json");
    assertThat(run.exitCode()).isEqualTo(ExitCode.SOFTWARE);
    Map<String, Object> json = run.json();
    assertThat(json).containsEntry("stale", true).containsEntry("hook", "missing")
        .containsEntry("drift", Map.of("missing", 5.0, "extra", 1.0));
    assertThat(object(json, "drops")).containsEntry("ipv4Packets", 7.0)
        .containsEntry("ipv6Bytes", 100.0);
    assertThat(array(json, "problems").toString()).contains("stale").contains("hook is missing")
        .contains("drift");

    assertThat(apiban("status", "--stale-after", "3h", "--json").json())
        .containsEntry("stale", false);
    assertThat(apiban("status", "--stale-after", "soon").exitCode()).isEqualTo(ExitCode.CONFIG);
  }

  @Test
  void entriesPastTheirTtlThatTheNextRunWillExpireAreNotDrift() throws Exception {
    apiban.publishMany(5);
    assertThat(apiban("sync").exitCode()).isZero();
    clock.advance(Duration.ofDays(8)); // every entry past its TTL; no run has expired it yet

    CliRun run = apiban("status", "--stale-after", "30d", "--json");
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.json()).containsEntry("drift", Map.of("missing", 0.0, "extra", 0.0));
  }

  @Test
  void checkExitsZeroWhenBannedAndOneWhenNot() throws Exception {
    apiban.publish("198.51.100.7", "2001:db8::/48");
    assertThat(apiban("sync").exitCode()).isZero();

    CliRun banned = apiban("check", "198.51.100.7", "--json");
    assertThat(banned.exitCode()).as(banned.err()).isZero();
    Map<String, Object> json = banned.json();
    assertThat(json).containsEntry("banned", true).containsEntry("wanted", true)
        .containsEntry("enforced", true).containsEntry("apiban", true)
        .containsEntry("matchedBy", "198.51.100.7").containsEntry("pinned", false);
    Instant lastSeen = Instant.parse((String) json.get("lastSeen"));
    Instant expires = Instant.parse((String) json.get("expires"));
    assertThat(Duration.between(lastSeen, expires)).isBetween(Duration.ofDays(7),
        Duration.ofDays(7).plusHours(12));

    CliRun inPrefix = apiban("check", "2001:db8::99", "--local");
    assertThat(inPrefix.exitCode()).isZero();
    assertThat(inPrefix.out()).contains("as 2001:db8::/48").contains("not asked (--local)");

    CliRun clean = apiban("check", "203.0.113.9", "--json");
    assertThat(clean.exitCode()).isEqualTo(1);
    assertThat(clean.json()).containsEntry("banned", false).containsEntry("apiban", false);

    CliRun allowed = apiban("check", "127.0.0.1", "--local", "--json");
    assertThat(allowed.exitCode()).isEqualTo(1);
    assertThat(allowed.json()).containsEntry("refusal", "loopback");
  }

  @Test
  void checkAnswersFromTheKernelWhenItDiffersFromTheState() throws Exception {
    apiban.publish("198.51.100.7");
    assertThat(apiban("sync").exitCode()).isZero();
    Files.write(kernel().resolve("sets"), List.of());
    CliRun run = apiban("check", "198.51.100.7", "--local");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("not banned here").contains("the backend lacks it");
  }

  @Test
  void checkWithARefusedKeyIsAnErrorNeverNotListed() {
    env = Map.of("APIBAN_KEY", "WRONG-KEY-0123456789");
    CliRun run = apiban("check", "198.51.100.7");
    assertThat(run.exitCode()).isEqualTo(ExitCode.NO_PERMISSION);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).doesNotContain("WRONG-KEY");
  }

  @Test
  void checkRefusesWhatIsNotAnAddress() {
    CliRun run = apiban("check", "example.com");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("example.com");
  }

  @Test
  void listShowsEveryBannedEntryWithItsTimes() throws Exception {
    apiban.publish("203.0.113.9", "198.51.100.7", "2001:db8::1", "10.0.0.1");
    assertThat(apiban("sync").exitCode()).isZero();

    CliRun run = apiban("list", "--json");
    assertThat(run.exitCode()).isZero();
    Map<String, Object> json = run.json();
    assertThat(json).containsEntry("count", 3.0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries = (List<Map<String, Object>>) json.get("entries");
    assertThat(entries).extracting(e -> e.get("entry"))
        .containsExactly("198.51.100.7", "203.0.113.9", "2001:db8::1");
    assertThat(entries).allSatisfy(e -> {
      assertThat(Instant.parse((String) e.get("lastSeen"))).isBefore(
          Instant.parse((String) e.get("expires")));
      assertThat(e.get("pinned")).isEqualTo(false);
    });

    CliRun text = apiban("list");
    assertThat(text.out()).contains("198.51.100.7").contains("last seen").contains("3 entries");
  }
}
