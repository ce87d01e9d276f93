package io.tenet.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code deploy/bin/bench jmh}: runs every JMH benchmark of this package (one fork each, 3 s of
 * warm-up and 5 s measured; {@code --quick}: 1 s and 2 s) and writes
 * {@code bench/results/<date>-jmh.json} (JMH's own format), a markdown summary and a bar chart
 * beside it. Run from the repository root. {@code --smoke DIR}: each benchmark once, at its
 * smallest size, in this JVM, results into DIR; what the test suite runs to keep the suite working.
 */
public final class JmhSuite {
  private JmhSuite() {}

  public static void main(String[] args) throws Exception {
    List<String> arguments = List.of(args);
    int smoke = arguments.indexOf("--smoke");
    if (smoke >= 0) {
      run(smokeOptions(), Path.of(arguments.get(smoke + 1)));
      return;
    }
    boolean quick = arguments.contains("--quick");
    ChainedOptionsBuilder options = new OptionsBuilder().forks(1)
        .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(1))
        .jvmArgsAppend("-Xmx1g");
    run(options, Path.of("bench", "results"));
  }

  /** Each benchmark once and briefly, at its smallest size, without forking. */
  static ChainedOptionsBuilder smokeOptions() {
    return new OptionsBuilder().forks(0)
        .warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
        .param("remotePorts", "10").param("networks", "1").param("members", "10");
  }

  /** Runs with {@code options} and writes the json, markdown and chart into {@code dir}; returns the rows. */
  static List<ResultRow> run(ChainedOptionsBuilder options, Path dir) throws Exception {
    Files.createDirectories(dir);
    String stem = LocalDate.now(ZoneOffset.UTC) + "-jmh";
    Path json = dir.resolve(stem + ".json");
    Options built = options.include(JmhSuite.class.getPackageName().replace(".", "\\.") + "\\..*Benchmark")
        .resultFormat(ResultFormatType.JSON).result(json.toString())
        .build();
    List<ResultRow> rows = new ArrayList<>();
    for (RunResult result : sorted(new Runner(built).run())) rows.add(ResultRow.of(result));
    Files.writeString(dir.resolve(stem + ".md"), summary(rows, stem));
    BarChart.write(rows, dir.resolve(stem + ".png"));
    System.out.println("bench jmh: " + json + ", " + stem + ".md and " + stem + ".png written");
    return rows;
  }

  private static List<RunResult> sorted(Collection<RunResult> results) {
    List<RunResult> list = new ArrayList<>(results);
    list.sort((a, b) -> ResultRow.of(a).label().compareTo(ResultRow.of(b).label()));
    return list;
  }

  static String summary(List<ResultRow> rows, String stem) {
    StringBuilder md = new StringBuilder();
    md.append("# JMH: flow compiler and serialization\n\n");
    md.append("Commit ").append(System.getenv().getOrDefault("TENET_BENCH_GIT_COMMIT", "unknown")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
        .append(". Average time per operation, one fork; error is the 99.9 % confidence half-width. Chart: `").append(stem).append(".png`.\n\n");
    md.append("| benchmark | parameters | time | ± | unit |\n|---|---|---:|---:|---|\n");
    for (ResultRow row : rows) {
      md.append("| ").append(row.benchmark()).append(" | ").append(row.parameters()).append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", row.score())).append(" | ").append(String.format(Locale.ROOT, "%.2f", row.error()))
          .append(" | ").append(row.unit()).append(" |\n");
    }
    return md.toString();
  }

  /** One benchmark and parameter combination. */
  record ResultRow(String benchmark, String parameters, double score, double error, String unit) {
    static ResultRow of(RunResult result) {
      String name = result.getParams().getBenchmark();
      String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      List<String> params = new ArrayList<>();
      for (String key : result.getParams().getParamsKeys()) params.add(key + "=" + result.getParams().getParam(key));
      return new ResultRow(shortName, String.join(", ", params), result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError(),
          result.getPrimaryResult().getScoreUnit());
    }

    String label() {
      return parameters.isEmpty() ? benchmark : benchmark + " (" + parameters + ")";
    }
  }
}
