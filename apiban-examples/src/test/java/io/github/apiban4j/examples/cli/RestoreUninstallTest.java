package io.github.apiban4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code restore} and {@code uninstall}. */
class RestoreUninstallTest extends CliTestBase {

  @Test
  void restorePutsTheSetAndHookBackWithoutARequest() throws Exception {
    apiban.publishMany(10);
    assertThat(apiban("sync").exitCode()).isZero();
    Files.delete(kernel().resolve("sets"));
    Files.delete(kernel().resolve("hook"));
    int requests = apiban.requestCount();

    CliRun run = apiban("restore");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("restored 10 entries").contains("enforces 10 entries");
    assertThat(Files.readAllLines(kernel().resolve("sets"))).hasSize(10);
    assertThat(kernel().resolve("hook")).exists();
    assertThat(apiban.requestCount()).isEqualTo(requests);
  }

  @Test
  void restoreNeedsNoKeyAndWithoutAStateOnlyCreatesTheHook() throws Exception {
    env = java.util.Map.of();
    CliRun run = apiban("restore");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("nothing to restore").contains("created");
    assertThat(kernel().resolve("hook")).exists();
    assertThat(Files.readAllLines(kernel().resolve("sets"))).isEmpty();
    assertThat(state()).doesNotExist();
  }

  @Test
  void uninstallRemovesWhatTheBackendCreatedAndKeepsTheStateUnlessPurged() throws Exception {
    apiban.publishMany(3);
    assertThat(apiban("sync").exitCode()).isZero();

    CliRun keep = apiban("uninstall");
    assertThat(keep.exitCode()).as(keep.err()).isZero();
    assertThat(kernel().resolve("hook")).doesNotExist();
    assertThat(state()).exists();
    assertThat(keep.out()).contains("kept");

    assertThat(apiban("restore").exitCode()).isZero();
    assertThat(Files.readAllLines(kernel().resolve("sets"))).hasSize(3);

    CliRun purge = apiban("uninstall", "--purge");
    assertThat(purge.exitCode()).isZero();
    assertThat(state()).doesNotExist();
    assertThat(List.of(kernel().resolve("hook"), kernel().resolve("sets")))
        .allSatisfy(p -> assertThat(p).doesNotExist());
  }
}
