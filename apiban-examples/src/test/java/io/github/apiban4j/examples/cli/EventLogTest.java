package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --log FILE}: one timestamped line per event, greppable by address. */
class EventLogTest extends CliTestBase {
  static final String STAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ ";

  @Test
  void everyAdditionRemovalAndRefusalGetsALineWithItsReason() throws Exception {
    Path log = dir.resolve("apiban.log");
    apiban.publish("198.51.100.7", "127.0.0.1", "2001:db8::1");
    assertThat(apiban("sync", "--log", log.toString()).exitCode()).isZero();
    Files.write(kernel().resolve("sets"), List.of("198.51.100.7")); // the kernel lost one
    assertThat(apiban("sync", "--log", log.toString()).exitCode()).isZero();
    apiban.delist("198.51.100.7", "2001:db8::1");
    clock.advance(Duration.ofDays(9));
    assertThat(apiban("sync", "--log", log.toString()).exitCode()).isZero();
    env = java.util.Map.of("APIBAN_KEY", "WRONG-KEY-0123456789");
    apiban("sync", "--log", log.toString());

    List<String> lines = Files.readAllLines(log);
    assertThat(lines).allMatch(l -> l.matches(STAMP + ".+"), "timestamped");
    List<String> events = lines.stream().map(l -> l.substring(21)).toList();
    assertThat(events).contains("added 198.51.100.7: reported by APIBAN",
        "added 2001:db8::1: reported by APIBAN", "refused 127.0.0.1: loopback",
        "added 2001:db8::1: restored from local state", "removed 198.51.100.7: expired",
        "removed 2001:db8::1: expired");
    assertThat(events).anyMatch(e -> e.startsWith("sync started: full from cursor 100"));
    assertThat(events).anyMatch(e -> e.startsWith("sync complete: full sync complete"));
    assertThat(events).filteredOn(e -> e.contains("unauthorized")).singleElement()
        .satisfies(e -> assertThat(e).startsWith("sync failed: "));
    assertThat(String.join("\n", lines)).doesNotContain("WRONG-KEY");
  }
}
