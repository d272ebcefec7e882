package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.testkit.FakeApiban;
import io.github.apiban4j.testkit.TestAddresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.attribute.PosixFilePermissions;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apiban sync} in-process against a fake APIBAN, into the memory backend. */
class SyncCommandTest {
  static final String KEY = "CLIKEY0123456789abcdef";

  @TempDir Path dir;
  FakeApiban apiban;
  String out;
  String err;

  @BeforeEach
  void setUp() throws Exception {
    apiban = FakeApiban.start(KEY);
  }

  @AfterEach
  void tearDown() throws Exception {
    apiban.close();
  }

  int sync(Map<String, String> env, String... extra) {
    List<String> args = new ArrayList<>(List.of("sync", "--backend", "memory",
        "--api-url", apiban.baseUrl(), "--state", dir.resolve("state.json").toString(),
        "--rate-limit", "0"));
    args.addAll(List.of(extra));
    CliRun run = CliRun.run(env, args.toArray(String[]::new));
    out = run.out();
    err = run.err();
    return run.exitCode();
  }

  int sync(String... extra) {
    return sync(Map.of("APIBAN_KEY", KEY), extra);
  }

  Map<String, Object> lastJson() throws Exception {
    return new CliRun(0, out, err).json();
  }

  @Test
  void syncsTheFeedAndReportsCountsAsJson() throws Exception {
    apiban.publishMany(300).publish("127.0.0.1", "10.0.0.1", "$(reboot)", "198.51.100.200");

    assertThat(sync("--json", "--allow", "198.51.100.200")).as(err).isZero();

    Map<String, Object> json = lastJson();
    assertThat(json).containsEntry("added", 300.0).containsEntry("removed", 0.0)
        .containsEntry("expired", 0.0).containsEntry("refused", 4.0)
        .containsEntry("pages", 2.0).containsEntry("backend", "memory")
        .containsEntry("dryRun", false).containsEntry("complete", true)
        .containsEntry("cursor", Long.toString(FakeApiban.FIRST_ID + 303));
    assertThat((Map<String, Object>) json.get("refusedByReason")).containsEntry("loopback", 1.0)
        .containsEntry("private", 1.0).containsEntry("malformed", 1.0)
        .containsEntry("allowlist", 1.0);
  }

  @Test
  void printsAOneLineSummaryWithoutJson() {
    apiban.publishMany(3);
    assertThat(sync()).isZero();
    assertThat(out.strip()).doesNotContain("\n").contains("+3").contains("memory");
  }

  @Test
  void aRateLimitEndsWithStatus75AndTheNextRunResumes() throws Exception {
    apiban.publishMany(600);
    apiban.enqueue(200, FakeApiban.json(List.of("192.0.2.1"), Long.toString(FakeApiban.FIRST_ID)));
    apiban.enqueueRateLimit(null);

    assertThat(sync("--json")).isEqualTo(ExitCode.TEMPORARY);
    assertThat(lastJson()).containsEntry("complete", false).containsEntry("stopReason", "rate-limited")
        .containsEntry("added", 1.0);

    assertThat(sync("--json")).isZero();
    assertThat(lastJson()).containsEntry("cursorBefore", Long.toString(FakeApiban.FIRST_ID))
        .containsEntry("complete", true);
  }

  @Test
  void aBadKeyExits77AndNeverShowsTheKey() throws Exception {
    String wrong = "WRONGKEY-0123456789-secret";
    assertThat(sync(Map.of("APIBAN_KEY", wrong), "--json")).isEqualTo(ExitCode.NO_PERMISSION);
    assertThat(err).contains("unauthorized").doesNotContain(wrong);
    assertThat(out).doesNotContain(wrong);
    assertThat(lastJson()).containsEntry("exitCode", 77.0).containsEntry("complete", false);
  }

  @Test
  void theKeyIsNeverTakenFromTheCommandLine() {
    assertThat(sync("--key", KEY)).isEqualTo(ExitCode.USAGE);
    assertThat(err).contains("never accepted as an argument").doesNotContain(KEY);
  }

  @Test
  void withoutAKeyItSaysWhereToPutOne() {
    assertThat(sync(Map.of())).isEqualTo(ExitCode.CONFIG);
    assertThat(err).contains("--key-file").contains("APIBAN_KEY");
  }

  @Test
  void readsAnOfficialClientsConfigUnchangedAndSeedsTheCursorFromLkid() throws Exception {
    apiban.publishMany(20);
    Path config = dir.resolve("config.json");
    String lkid = Long.toString(FakeApiban.FIRST_ID + 9);
    String text = "{\"APIKEY\":\"" + KEY + "\",\"LKID\":\"" + lkid + "\",\"VERSION\":\"1.0\","
        + "\"FLUSH\":\"1700000000\",\"set\":\"sip\"}";
    Files.writeString(config, text);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

    assertThat(sync(Map.of(), "--config", config.toString(), "--json")).as(err).isZero();

    assertThat(lastJson()).containsEntry("cursorBefore", lkid).containsEntry("added", 10.0);
    assertThat(Files.readString(config)).isEqualTo(text);
  }

  @Test
  void badConfigurationExits78() throws Exception {
    Path config = dir.resolve("bad.json");
    Files.writeString(config, "{\"apikey\":\"" + KEY + "\",\"ttl\":\"a week\"}");
    assertThat(sync("--config", config.toString())).isEqualTo(ExitCode.CONFIG);
    assertThat(err).contains("config key ttl").contains("a week").contains("hint:");

    assertThat(sync("--ttl", "seven days")).isEqualTo(ExitCode.CONFIG);
    assertThat(err).contains("not a duration");

    assertThat(sync("--allow", "192.0.2.1/24")).isEqualTo(ExitCode.CONFIG);
    assertThat(err).contains("192.0.2.0/24");

    assertThat(sync("--api-url", "http://apiban.example/api/")).isEqualTo(ExitCode.CONFIG);
    assertThat(sync("--rate-limit", "eleven")).isEqualTo(ExitCode.CONFIG);
    assertThat(sync("--set", "voip")).isEqualTo(ExitCode.CONFIG);
    assertThat(err).contains("--set");
  }

  @Test
  void anUnknownConfigKeyWarnsWithItsNameAndTheRunGoesOn() throws Exception {
    apiban.publishMany(2);
    Path config = dir.resolve("typo.json");
    Files.writeString(config, "{\"tll\":\"7d\",\"SECRETKEY-0123456789abcdef\":1}");
    assertThat(sync("--config", config.toString())).as(err).isZero();
    assertThat(err).contains("warning").contains("tll").contains("ttl").contains("1 not shown")
        .doesNotContain("SECRETKEY");
  }

  @Test
  void anUnknownBackendExits69AndAnUnknownOptionExits64() {
    assertThat(sync("--backend", "pf")).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(err).contains("pf").contains("memory");
    assertThat(sync("--frobnicate")).isEqualTo(ExitCode.USAGE);
    assertThat(err).contains("--frobnicate");
  }

  @Test
  void readsTheNftablesClientsConfigWithABomAndRepeatedSpellings() throws Exception {
    apiban.publishMany(4);
    Path config = dir.resolve("nft-config.json");
    String text = "\uFEFF{\"apikey\":\"WRONG-OLD-KEY\",\"APIKEY\":\"" + KEY + "\","
        + "\"lkid\":\"100\",\"version\":\"nft1.0\",\"flush\":\"100\",\"dataset\":\"all\","
        + "\"setname\":\"APIBAN\"}";
    Files.writeString(config, text);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

    assertThat(sync(Map.of(), "--config", config.toString(), "--json")).as(err).isZero();
    assertThat(lastJson()).containsEntry("added", 4.0);
    RecordedRequest first = apiban.server().takeRequest();
    assertThat(first.getBody().utf8()).contains("\"set\":\"all\"");
  }

  @Test
  void aBrokenConfigNeverShowsWhatItHolds() throws Exception {
    Path config = dir.resolve("broken.json");
    Files.writeString(config, "{\"APIKEY\":\"SECRETKEY1\",\"APIKEY\":\"SECRETKEY2\",}");
    assertThat(sync(Map.of(), "--config", config.toString(), "--json")).isEqualTo(ExitCode.CONFIG);
    assertThat(err + out).contains("not valid JSON").doesNotContain("SECRETKEY");
  }

  @Test
  void strayArgumentsAreNotEchoedAsTheyMayBeAKey() {
    assertThat(sync("PASTEDKEY0123456789")).isEqualTo(ExitCode.USAGE);
    assertThat(err).contains("not repeated here").doesNotContain("PASTEDKEY0123456789");
  }

  @Test
  void readsTheKeyFromAKeyFile() throws Exception {
    apiban.publishMany(2);
    Path keyFile = dir.resolve("key");
    Files.writeString(keyFile, KEY + "\n");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    assertThat(sync(Map.of("APIBAN_KEY", "ignored-env-key"), "--key-file", keyFile.toString()))
        .as(err).isZero();
    assertThat(apiban.server().takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer " + KEY);
  }

  @Test
  void speaksV1WhenAsked() throws Exception {
    apiban.publishMany(2);
    assertThat(sync("--api", "v1", "--json")).as(err).isZero();
    assertThat(apiban.server().takeRequest().getUrl().encodedPath())
        .isEqualTo("/api/" + KEY + "/banned/100");
  }

  @Test
  void backendOptionsReachTheBackend() {
    apiban.publishMany(30);
    assertThat(sync("--backend-option", "capacity=10", "--json")).isEqualTo(1);
    assertThat(err).contains("capacity of 10");
    assertThat(sync("--backend-option", "capacity=30", "--json")).as(err).isZero();
  }

  @Test
  void fullReadsTheWholeFeedAgain() throws Exception {
    apiban.publishMany(3);
    assertThat(sync("--rate-limit", "11/120")).as(err).isZero();
    assertThat(sync("--json")).isZero();
    assertThat(lastJson()).containsEntry("mode", "incremental");
    assertThat(sync("--full", "--json")).isZero();
    assertThat(lastJson()).containsEntry("mode", "full").containsEntry("cursorBefore", "100");
  }

  @Test
  void forceAppliesWhatASafetyValveRefuses() throws Exception {
    apiban.publishMany(100);
    assertThat(sync()).as(err).isZero();
    apiban.publish(TestAddresses.manyIpv6(1_000_000, 1000).toArray(String[]::new));
    assertThat(sync("--json")).isEqualTo(1);
    assertThat(err).contains("tenfold").contains("--force");
    assertThat(sync("--force", "--json")).as(err).isZero();
    assertThat(lastJson()).containsEntry("fetched", 1000.0).containsEntry("enforced", 1100.0);
  }

  @Test
  void aDryRunReportsWithoutWritingState() throws Exception {
    apiban.publishMany(5);
    assertThat(sync("--dry-run", "--json")).isZero();
    assertThat(lastJson()).containsEntry("dryRun", true).containsEntry("added", 5.0);
    assertThat(dir.resolve("state.json")).doesNotExist();
  }
}
