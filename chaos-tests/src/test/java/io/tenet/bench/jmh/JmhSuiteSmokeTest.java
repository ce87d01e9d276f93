package io.tenet.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench jmh} at its smallest: every benchmark runs and the three result files are written. */
class JmhSuiteSmokeTest {
  @Test
  void everyBenchmarkRunsAndTheResultsAreWritten(@TempDir Path dir) throws Exception {
    List<JmhSuite.ResultRow> rows = JmhSuite.run(JmhSuite.smokeOptions(), dir);
    Set<String> ran = rows.stream().map(JmhSuite.ResultRow::benchmark).collect(Collectors.toSet());
    assertEquals(Set.of("FlowCompilerBenchmark.compile", "FlowCompilerBenchmark.desiredTables", "FlowCompilerBenchmark.onePortAdded",
        "OnePortAddedBenchmark.learnedByTheDatapath", "OnePortAddedBenchmark.nothingNew", "OnePortAddedBenchmark.perNetwork", "OnePortAddedBenchmark.wholeDatapath",
        "EventSerializationBenchmark.portRequested",
        "EventSerializationBenchmark.addressesReserved", "EventSerializationBenchmark.networkViewToADatapath"), ran);
    assertTrue(rows.stream().allMatch(row -> row.score() > 0), rows.toString());
    try (Stream<Path> files = Files.list(dir)) {
      Set<String> suffixes = files.map(f -> f.getFileName().toString().replaceAll(".*-jmh", "")).collect(Collectors.toSet());
      assertEquals(Set.of(".json", ".md", ".png"), suffixes);
    }
  }
}
