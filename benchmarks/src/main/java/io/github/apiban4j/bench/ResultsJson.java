package io.github.apiban4j.bench;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okio.Buffer;

/** The results as JSON: {@code latest.json}, and what a worker hands back to the harness. */
final class ResultsJson {
  private ResultsJson() {}

  private interface Body {
    void write(JsonWriter w) throws IOException;
  }

  private static void write(Path file, Body body) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setIndent("  ");
      body.write(w);
    }
    Files.write(file, buffer.writeUtf8("\n").readByteArray());
  }

  static void writeWorker(Path file, NamespaceWorker.WorkerResult result) throws IOException {
    write(file, w -> {
      w.beginObject();
      rows(w.name("comparisons"), result.rows());
      perAddress(w.name("perAddress"), result.perAddress());
      w.endObject();
    });
  }

  static void writeReport(Path file, Report r) throws IOException {
    write(file, w -> {
      Environment e = r.environment();
      w.beginObject();
      w.name("date").value(e.date());
      w.name("mode").value(r.mode());
      w.name("machine").beginObject().name("cores").value(e.cores()).name("model")
          .value(e.model()).name("memoryMb").value(e.memoryMb()).name("loadAverageAtStart")
          .value(e.loadAverage()).name("os").value(e.os()).endObject();
      w.name("kernel").value(e.kernel());
      w.name("jdk").value(e.jdk());
      w.name("tools").beginObject();
      for (Map.Entry<String, String> t : e.tools().entrySet()) {
        w.name(t.getKey()).value(t.getValue());
      }
      w.endObject();
      Plan p = r.plan();
      w.name("plan").beginObject().name("runs").value(p.runs()).name("pageRuns")
          .value(p.pageRuns()).name("perAddressProcesses").value(p.perAddress()).name("cliRuns")
          .value(p.cliRuns()).endObject();
      rows(w.name("comparisons"), r.rows());
      perAddress(w.name("perAddress"), r.perAddress());
      w.name("cli").beginArray();
      for (CliResult c : r.cli()) {
        cli(w, c);
      }
      w.endArray();
      w.endObject();
    });
  }

  private static void rows(JsonWriter w, List<Row> rows) throws IOException {
    w.beginArray();
    for (Row row : rows) {
      w.beginObject();
      w.name("contender").value(row.contender());
      w.name("baseline").value(row.baseline());
      w.name("op").value(row.op());
      w.name("size").value(row.size());
      w.name("family").value(row.family());
      w.name("contenderMedianMs").value(round(row.contenderMedianMs()));
      w.name("baselineMedianMs").value(round(row.baselineMedianMs()));
      w.name("ratio").value(round(row.ratio()));
      w.name("runs").value(row.contenderMs().length);
      w.name("baselineRuns").value(row.baselineMs().length);
      w.name("extrapolated").value(row.extrapolated());
      if (row.baselineTimed() > 0) {
        w.name("baselineTimedProcesses").value(row.baselineTimed());
      }
      Optional<Double> target = Targets.maxRatio(row);
      if (target.isPresent()) {
        w.name("targetMaxRatio").value(target.get());
        w.name("targetMet").value(row.ratio() <= target.get());
      }
      numbers(w.name("contenderMs"), row.contenderMs());
      numbers(w.name("baselineMs"), row.baselineMs());
      w.endObject();
    }
    w.endArray();
  }

  private static void perAddress(JsonWriter w, List<PerAddress> list) throws IOException {
    w.beginArray();
    for (PerAddress p : list) {
      w.beginObject().name("family").value(p.family()).name("processes").value(p.processes())
          .name("addMs").value(round(p.addMs())).name("deleteMs").value(round(p.deleteMs()))
          .endObject();
    }
    w.endArray();
  }

  private static void cli(JsonWriter w, CliResult c) throws IOException {
    w.beginObject();
    w.name("backend").value(c.backend());
    w.name("entries").value(c.entries());
    w.name("runs").value(c.firstWallMs().length);
    w.name("wallMedianMs").value(round(Samples.median(c.firstWallMs())));
    w.name("peakRssMedianMb").value(round(Samples.median(c.firstRssMb())));
    w.name("secondRunWallMedianMs").value(round(Samples.median(c.secondWallMs())));
    w.name("secondRunPeakRssMedianMb").value(round(Samples.median(c.secondRssMb())));
    w.name("secondRunKernelUnchanged").value(c.secondRunUnchanged());
    w.name("secondRunNftEvents").value(c.nftEvents());
    numbers(w.name("wallMs"), c.firstWallMs());
    numbers(w.name("peakRssMb"), c.firstRssMb());
    numbers(w.name("secondRunWallMs"), c.secondWallMs());
    numbers(w.name("secondRunPeakRssMb"), c.secondRssMb());
    w.endObject();
  }

  private static void numbers(JsonWriter w, double[] values) throws IOException {
    w.beginArray();
    for (double v : values) {
      w.value(round(v));
    }
    w.endArray();
  }

  /** Four significant decimals are more than the measurements carry. */
  private static double round(double v) {
    return v == 0 || Math.abs(v) >= 1 ? Math.round(v * 1000) / 1000.0
        : Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4g", v));
  }

  /** Reads back what {@link #writeWorker} wrote. */
  static NamespaceWorker.WorkerResult readWorker(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<PerAddress> perAddress = new ArrayList<>();
    try (JsonReader r = JsonReader.of(new Buffer().write(Files.readAllBytes(file)))) {
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        r.beginArray();
        while (r.hasNext()) {
          if (name.equals("comparisons")) {
            rows.add(readRow(r));
          } else {
            perAddress.add(readPerAddress(r));
          }
        }
        r.endArray();
      }
      r.endObject();
    }
    return new NamespaceWorker.WorkerResult(rows, perAddress);
  }

  private static Row readRow(JsonReader r) throws IOException {
    String contender = null;
    String baseline = null;
    String op = null;
    String family = null;
    int size = 0;
    int timed = 0;
    double[] a = null;
    double[] b = null;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "contender" -> contender = r.nextString();
        case "baseline" -> baseline = r.nextString();
        case "op" -> op = r.nextString();
        case "family" -> family = r.nextString();
        case "size" -> size = r.nextInt();
        case "baselineTimedProcesses" -> timed = r.nextInt();
        case "contenderMs" -> a = readNumbers(r);
        case "baselineMs" -> b = readNumbers(r);
        default -> r.skipValue();
      }
    }
    r.endObject();
    return new Row(contender, baseline, op, size, family, a, b, timed);
  }

  private static PerAddress readPerAddress(JsonReader r) throws IOException {
    String family = null;
    int processes = 0;
    double add = 0;
    double delete = 0;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "family" -> family = r.nextString();
        case "processes" -> processes = r.nextInt();
        case "addMs" -> add = r.nextDouble();
        case "deleteMs" -> delete = r.nextDouble();
        default -> r.skipValue();
      }
    }
    r.endObject();
    return new PerAddress(family, processes, add, delete);
  }

  private static double[] readNumbers(JsonReader r) throws IOException {
    List<Double> values = new ArrayList<>();
    r.beginArray();
    while (r.hasNext()) {
      values.add(r.nextDouble());
    }
    r.endArray();
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
