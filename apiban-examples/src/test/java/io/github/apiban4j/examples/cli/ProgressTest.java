package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apiban4j.address.AddressSet;
import io.github.apiban4j.address.Diff;
import io.github.apiban4j.address.IpPrefix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync progress: redrawn in place on a terminal, a plain line per checkpoint otherwise. */
class ProgressTest {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  void pull(Progress p, int pages) {
    for (int page = 1; page <= pages; page++) {
      p.pageFetched(page, 240, 10, Integer.toString(page));
      if (page % 4 == 0) {
        p.committed(new Diff(AddressSet.of(IpPrefix.parse("192.0.2." + page)), AddressSet.empty()),
            Integer.toString(page));
      }
    }
    p.runFinished(null);
  }

  @Test
  void onATerminalOneLineIsRedrawnAndEndedOnce() {
    pull(new Progress(err, true), 8);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\r1 page, 240 accepted, 10 refused, 0 applied")
        .contains("\r8 pages, 1920 accepted, 80 refused, 2 applied").endsWith("\n");
    assertThat(out.split("\n", -1)).hasSize(2); // one line, ended once
  }

  @Test
  void elsewhereALinePerCheckpointOfALongPullAndNothingForAShortOne() {
    pull(new Progress(err, false), 3);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    pull(new Progress(err, false), 8);
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "apiban: 4 pages, 960 accepted, 40 refused, 1 applied, cursor 4",
        "apiban: 8 pages, 1920 accepted, 80 refused, 2 applied, cursor 8");
  }

  @Test
  void progressIsDrawnInPlaceOnlyWhenStandardErrorIsATerminal(@TempDir Path dir)
      throws Exception {
    Path tty = Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/pts/3"));
    Path log = Files.createSymbolicLink(dir.resolve("log"), dir.resolve("apiban.log"));
    assertThat(Main.stderrIsTerminal(Map.of(), tty)).isTrue();
    assertThat(Main.stderrIsTerminal(Map.of("TERM", "xterm"), tty)).isTrue();
    assertThat(Main.stderrIsTerminal(Map.of("TERM", "dumb"), tty)).isFalse();
    assertThat(Main.stderrIsTerminal(Map.of(), log)).isFalse();
  }
}
