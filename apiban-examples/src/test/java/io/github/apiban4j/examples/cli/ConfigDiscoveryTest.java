package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config file is found where the official clients look, after --config. */
class ConfigDiscoveryTest extends CliTestBase {

  Path config(String name, String json) throws Exception {
    Path file = dir.resolve(name).resolve("config.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  String ownConfig(String extra) {
    return "{\"APIKEY\":\"" + KEY + "\",\"apiUrl\":\"" + apiban.baseUrl() + "\","
        + "\"rateLimit\":\"0\",\"state\":\"" + state() + "\",\"backend\":\"" + FileBackend.NAME
        + "\",\"backendOptions\":{\"dir\":\"" + kernel() + "\"}" + extra + "}";
  }

  @Test
  void theFirstFileFoundInTheSearchPathIsUsed() throws Exception {
    apiban.publishMany(4);
    Path missing = dir.resolve("home/.config/apiban/config.json");
    Path etc = config("etc", ownConfig(""));
    Path later = config("later", "{\"backend\":\"no-such-backend\"}");

    CliRun sync = CliRun.run(Map.of(), List.of(missing, etc, later), clock, "sync", "--json");
    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(sync.json()).containsEntry("added", 4.0).containsEntry("backend", FileBackend.NAME);

    CliRun status = CliRun.run(Map.of(), List.of(missing, etc, later), clock, "status", "--json");
    assertThat(status.json()).containsEntry("config", etc.toString());
  }

  @Test
  void configOverridesTheSearchAndOptionsOverrideTheFile() throws Exception {
    apiban.publishMany(2);
    Path broken = config("etc", "{not json");
    Path mine = config("mine", ownConfig(",\"ttl\":\"a week\""));
    CliRun bad = CliRun.run(Map.of(), List.of(broken), clock, "sync", "--config", mine.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCode.CONFIG);
    assertThat(bad.err()).contains("config key ttl");

    CliRun good = CliRun.run(Map.of(), List.of(broken), clock, "sync", "--config",
        mine.toString(), "--ttl", "3d", "--json");
    assertThat(good.exitCode()).as(good.err()).isZero();
  }

  @Test
  void unknownKeysWarnAndDaemonKeysAreKnown() throws Exception {
    Path file = config("etc", ownConfig(",\"interval\":\"10m\",\"metrics\":\"127.0.0.1:9464\","
        + "\"log\":\"" + dir.resolve("log") + "\",\"intervall\":\"5m\""));
    CliRun run = CliRun.run(Map.of(), List.of(file), clock, "status");
    assertThat(run.err()).contains("warning").contains("unknown key(s) [intervall];");
  }
}
