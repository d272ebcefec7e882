package io.github.apiban4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as an SVG bar chart, {@code latest.svg}: per comparison, the contender's median and
 * the baseline's side by side on a logarithmic time axis. Every row against a bare tool is drawn,
 * and against one process per address the 100,000-address additions only (hatched where
 * extrapolated), since the rest say the same thing.
 */
final class Chart {
  private static final int LABEL = 300;
  private static final int PLOT = 560;
  private static final int BAR = 12;
  private static final int GROUP = 2 * BAR + 8;
  private static final int TOP = 56;
  private static final String CONTENDER = "#2b6cb0";
  private static final String BASELINE = "#c05621";

  private Chart() {}

  static String of(Report r) {
    List<Row> rows = new ArrayList<>();
    for (Row row : r.rows()) {
      boolean perAddress = row.baseline().equals(Row.PER_ADDRESS);
      if (!perAddress || row.op().equals("add") && row.size() == Plan.LARGE) {
        rows.add(row);
      }
    }
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Row row : rows) {
      min = Math.min(min, Math.min(row.contenderMedianMs(), row.baselineMedianMs()));
      max = Math.max(max, Math.max(row.contenderMedianMs(), row.baselineMedianMs()));
    }
    int lo = (int) Math.floor(Math.log10(min));
    int hi = (int) Math.ceil(Math.log10(max));
    if (hi == lo) {
      hi++;
    }
    int height = TOP + rows.size() * GROUP + 40;
    int width = LABEL + PLOT + 90;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
        + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
        width, height, width, height));
    svg.append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\""
        + " patternUnits=\"userSpaceOnUse\""
        + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f6ad55\"/>"
        + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"" + BASELINE
        + "\" stroke-width=\"3\"/>"
        + "</pattern></defs>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(8, 18, "start", "bold", "apiban4j backends against the tools they replace: "
        + "median ms, log scale (" + r.mode() + " run, " + r.environment().date() + ")"));
    legend(svg, 8, 36);
    for (int d = lo; d <= hi; d++) {
      double x = LABEL + PLOT * (d - lo) / (double) (hi - lo);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
          + " stroke=\"#ddd\"/>%n", x, TOP - 4, x, height - 34));
      svg.append(text(x, height - 20, "middle", "normal", decade(d)));
    }
    svg.append(text(LABEL + PLOT / 2.0, height - 6, "middle", "normal", "milliseconds"));
    int y = TOP;
    for (Row row : rows) {
      String label = row.contender() + " " + row.op() + " " + String.format(Locale.ROOT, "%,d",
          row.size()) + (row.family().equals("ipv6") ? " IPv6" : "") + " vs " + row.baseline();
      svg.append(text(LABEL - 6, y + BAR + 3, "end", "normal", label));
      bar(svg, y, row.contenderMedianMs(), lo, hi, CONTENDER);
      bar(svg, y + BAR, row.baselineMedianMs(), lo, hi,
          row.extrapolated() ? "url(#hatch)" : BASELINE);
      y += GROUP;
    }
    return svg.append("</svg>\n").toString();
  }

  private static void legend(StringBuilder svg, int x, int y) {
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"9\""
        + " fill=\"%s\"/>%n", x, y - 8, CONTENDER));
    svg.append(text(x + 16, y, "start", "normal", "backend (contender)"));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"9\""
        + " fill=\"%s\"/>%n", x + 150, y - 8, BASELINE));
    svg.append(text(x + 166, y, "start", "normal", "bare tool (baseline)"));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"9\""
        + " fill=\"url(#hatch)\"/>%n", x + 300, y - 8));
    svg.append(text(x + 316, y, "start", "normal",
        "one process per address, extrapolated from 1,000"));
  }

  private static void bar(StringBuilder svg, int y, double ms, int lo, int hi, String fill) {
    double w = Math.max(1, PLOT * (Math.log10(ms) - lo) / (hi - lo));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\""
        + " fill=\"%s\"/>%n", LABEL, y, w, BAR - 1, fill));
    svg.append(text(LABEL + w + 4, y + BAR - 2, "start", "normal", Markdown.millis(ms)));
  }

  private static String decade(int d) {
    return d >= 0 ? String.format(Locale.ROOT, "%,d", (long) Math.pow(10, d))
        : String.format(Locale.ROOT, "%." + -d + "f", Math.pow(10, d));
  }

  private static String text(double x, double y, String anchor, String weight, String s) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\""
        + " font-weight=\"%s\">%s</text>%n", x, y, anchor, weight, s.replace("&", "&amp;")
        .replace("<", "&lt;").replace(">", "&gt;"));
  }
}
