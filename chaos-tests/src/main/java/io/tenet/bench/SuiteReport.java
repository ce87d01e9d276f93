package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark suite leaves behind: its results as JSON (every figure), a markdown summary a
 * person reads, and its headline figures as bars in a PNG, side by side as
 * {@code <date>-<suite>.json}, {@code .md} and {@code .png}.
 */
record SuiteReport(String suite, JsonNode results, String markdown, Bars chart) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bars: one group per metric, one bar per series in it, all in {@code unit}. */
  record Bars(String title, String unit, List<String> metrics, Map<String, List<Double>> series) {}

  /** Writes {@code <date>-<suite>.*} into {@code dir}, created if missing; returns the three files. */
  List<Path> writeTo(Path dir) throws IOException {
    return writeAs(dir.resolve(LocalDate.now(ZoneOffset.UTC) + "-" + suite + ".json"));
  }

  /** Writes {@code jsonFile}, and the summary and chart beside it under the same name; returns the three files. */
  List<Path> writeAs(Path jsonFile) throws IOException {
    Path parent = jsonFile.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    String name = jsonFile.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    Path md = parent.resolve(stem + ".md");
    Path png = parent.resolve(stem + ".png");
    Files.writeString(jsonFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
    Files.writeString(md, markdown + (markdown.contains(png.getFileName().toString()) ? "" : "\nChart: `" + png.getFileName() + "`.\n"));
    ComparisonChart.write(chart.title(), chart.unit(), chart.metrics(), chart.series(), png);
    return List.of(jsonFile, md, png);
  }
}
