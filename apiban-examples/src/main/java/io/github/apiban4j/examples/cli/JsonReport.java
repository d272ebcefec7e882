package io.github.apiban4j.examples.cli;

import com.squareup.moshi.JsonWriter;
import io.github.apiban4j.SyncResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import okio.Buffer;

/** The machine-readable summary printed by {@code --json}: one JSON object on one line. */
final class JsonReport {
  private JsonReport() {}

  static String of(SyncResult r) {
    return write(w -> {
      w.name("complete").value(r.complete());
      w.name("dryRun").value(r.dryRun());
      w.name("backend").value(r.backend());
      w.name("mode").value(r.mode().name().toLowerCase(Locale.ROOT));
      w.name("pages").value(r.pages());
      w.name("fetched").value(r.fetched());
      w.name("added").value(r.added());
      w.name("removed").value(r.removed());
      w.name("expired").value(r.expired());
      w.name("repaired").value(r.repaired());
      w.name("refused").value(r.refusedTotal());
      w.name("refusedByReason").beginObject();
      for (Map.Entry<String, Long> e : r.refused().entrySet()) {
        w.name(e.getKey()).value(e.getValue());
      }
      w.endObject();
      w.name("cursorBefore").value(r.cursorBefore());
      w.name("cursor").value(r.cursorAfter());
      w.name("enforced").value(r.liveSize());
      w.name("stopReason").value(r.stopReason()
          .map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', '-')).orElse(null));
      w.name("stopDetail").value(r.stopDetail().orElse(null));
      w.name("durationMs").value(r.duration().toMillis());
    });
  }

  static String error(String message, int exitCode, String backend, boolean dryRun) {
    return write(w -> {
      w.name("complete").value(false);
      w.name("dryRun").value(dryRun);
      w.name("backend").value(backend);
      w.name("added").value(0);
      w.name("removed").value(0);
      w.name("expired").value(0);
      w.name("refused").value(0);
      w.name("refusedByReason").beginObject().endObject();
      w.name("pages").value(0);
      w.name("cursor").nullValue();
      w.name("error").value(message);
      w.name("exitCode").value(exitCode);
    });
  }

  /** Writes the members of one JSON object. */
  interface Body {
    void write(JsonWriter w) throws IOException;
  }

  /** One JSON object on one line, nulls written out. */
  static String write(Body body) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      w.beginObject();
      body.write(w);
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }
}
