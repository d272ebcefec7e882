package io.github.apiban4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {
  @TempDir Path dir;

  private static final Row BARE = new Row("nftables", "nft -f", "add", 100_000, "ipv4",
      new double[] {350.5, 340.25, 360.0}, new double[] {300.0, 310.0, 305.5}, 0);
  private static final PerAddress SEED = new PerAddress("ipv4", 1_000, 2_000.0, 18_000.0);

  @Test
  void whatAWorkerWritesIsReadBackWhole() throws Exception {
    Path file = dir.resolve("worker.json");
    ResultsJson.writeWorker(file, new NamespaceWorker.WorkerResult(List.of(BARE), List.of(SEED)));

    NamespaceWorker.WorkerResult back = ResultsJson.readWorker(file);

    assertThat(back.rows()).singleElement().satisfies(r -> {
      assertThat(r.contender()).isEqualTo("nftables");
      assertThat(r.baseline()).isEqualTo("nft -f");
      assertThat(r.op()).isEqualTo("add");
      assertThat(r.size()).isEqualTo(100_000);
      assertThat(r.family()).isEqualTo("ipv4");
      assertThat(r.contenderMs()).containsExactly(350.5, 340.25, 360.0);
      assertThat(r.baselineMs()).containsExactly(300.0, 310.0, 305.5);
    });
    assertThat(back.perAddress()).containsExactly(SEED);
  }

  @Test
  void theReportHoldsEveryFieldTheIssueAsksForAndFlagsExtrapolatedRows() throws Exception {
    Row perAddress = new Row("nftables", Row.PER_ADDRESS, "add", 100_000, "ipv4",
        BARE.contenderMs(), new double[] {SEED.millisFor("add", 100_000)}, 1_000);
    Environment env = new Environment("2026-11-25T00:00:00Z", 2, "AMD EPYC", 24_000, "0.1 0.2 0.3",
        "Debian", "6.18", "17.0.15", Map.of("ipset", "v7.17", "nft", "v1.0.6",
            "iptables", "v1.8.9"));
    Path file = dir.resolve("latest.json");
    ResultsJson.writeReport(file, new Report(env, "quick", Plan.quick(), List.of(BARE, perAddress),
        List.of(SEED), List.of()));

    Map<String, Object> json = object(JsonReader.of(new Buffer().write(Files.readAllBytes(file)))
        .readJsonValue());

    assertThat(json).containsKeys("machine", "kernel", "tools", "jdk", "date", "comparisons");
    assertThat(object(json.get("machine"))).containsKeys("cores", "model");
    assertThat(object(json.get("tools"))).containsKeys("ipset", "nft", "iptables");
    List<?> rows = (List<?>) json.get("comparisons");
    Map<String, Object> bare = object(rows.get(0));
    assertThat(bare).containsEntry("contender", "nftables").containsEntry("baseline", "nft -f")
        .containsEntry("op", "add").containsEntry("size", 100_000.0)
        .containsEntry("family", "ipv4").containsEntry("contenderMedianMs", 350.5)
        .containsEntry("baselineMedianMs", 305.5).containsEntry("runs", 3.0)
        .containsEntry("extrapolated", false);
    assertThat((Double) bare.get("ratio")).isCloseTo(350.5 / 305.5, org.assertj.core.data.Offset
        .offset(0.001));
    Map<String, Object> seed = object(rows.get(1));
    assertThat(seed).containsEntry("baseline", "iptables per address")
        .containsEntry("baselineMedianMs", 200_000.0).containsEntry("extrapolated", true)
        .containsEntry("baselineTimedProcesses", 1_000.0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object json) {
    return (Map<String, Object>) json;
  }
}
