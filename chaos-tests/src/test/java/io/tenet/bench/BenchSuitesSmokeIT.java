package io.tenet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.persistence.testing.SharedCassandra;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each benchmark suite of {@code deploy/bin/bench} once with tiny sizes, so a change that breaks a
 * suite fails the test suite rather than the next person who measures. The figures are not
 * looked at (2 cores shared with everything else); that the suite runs to its results, summary
 * and chart is. JMH
 * has its own (JmhSuiteSmokeTest); the OVN comparison needs OVN's packages, which the test command
 * does not install, and runs only by hand. The suites run on the test JVM's one Cassandra (each on
 * nodes and keyspaces of its own): starting and stopping one per suite was about a minute of the
 * test suite.
 */
class BenchSuitesSmokeIT {
  private static StackFactory stacks;

  @BeforeAll
  static void useTheSharedCassandra() {
    stacks = LocalStack.onSharedCassandra(SharedCassandra.instance());
  }

  @Test
  void portCreate(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("port-create.json");
    int exit = PortCreateBenchmark.run(BenchmarkOptions.parse(new String[] {"--ports", "20", "--serial-ports", "5", "--warmup", "5", "--networks", "2",
        "--idle-seconds", "0", "--concurrency", "4", "--out", out.toString()}), stacks);
    assertEquals(0, exit);
    JsonNode results = new ObjectMapper().readTree(Files.readString(out));
    assertEquals("port-create", results.path("benchmark").asText(), results.toString());
    assertSummaryAndChart(dir.resolve("port-create.md"), dir.resolve("port-create.png"));
  }

  @Test
  void portUp(@TempDir Path dir) throws Exception {
    ObjectNode results = PortUpBenchmark.run(2, stacks);
    assertEquals("port-up", results.path("benchmark").asText());
    assertEquals(2, results.path("ports_measured").asInt(), results.toString());
    assertWritten(PortUpBenchmark.report(results), dir);
  }

  @Test
  void securityGroups(@TempDir Path dir) throws Exception {
    ObjectNode results = SecurityGroupBenchmark.run(5, 1, stacks);
    assertEquals("security-groups", results.path("benchmark").asText());
    assertWritten(SecurityGroupBenchmark.report(results), dir);
  }

  @Test
  void floatingIp(@TempDir Path dir) throws Exception {
    ObjectNode results = FloatingIpBenchmark.run(2, stacks);
    assertEquals("floating-ip", results.path("benchmark").asText());
    assertTrue(results.toString().contains("first_packet_ms"), results.toString());
    assertWritten(FloatingIpBenchmark.report(results), dir);
  }

  @Test
  void fleet(@TempDir Path dir) throws Exception {
    ObjectNode results = FleetBenchmark.run(3, 2, 2, 2, 2, stacks);
    assertEquals(3, results.path("datapaths").asInt(), results.toString());
    assertEquals(6, results.path("bind").path("ports").asInt(), results.toString());
    assertEquals(2, results.path("later_rounds").get(0).path("round").asInt(), "a second round of as many ports: " + results);
    assertTrue(results.path("later_rounds").get(0).path("creates_per_second").asDouble() > 0, results.toString());
    assertEquals(0, results.path("bind").path("flows_repaired_by_verification").asLong(-1), "emulated switches lose nothing: " + results);
    assertEquals(5, results.path("one_port_added").size(), results.toString());
    results.path("one_port_added").forEach(change -> assertTrue(change.path("active_ms").asDouble() >= change.path("api_realized_ms").asDouble(),
        "the port reads ACTIVE once the create answered, not before it was timed: " + change));
    assertWritten(FleetBenchmark.report(results), dir);
  }

  @Test
  void fleetFailover(@TempDir Path dir) throws Exception {
    ObjectNode results = FleetFailoverBenchmark.run(6, stacks);
    assertEquals("fleet-failover", results.path("benchmark").asText());
    assertTrue(results.path("seconds_until_all_converged").isNumber(), results.toString());
    // where the failover's time went, in the order the cluster goes through it
    double unreachable = results.path("seconds_until_killed_node_unreachable").asDouble(-1);
    double removed = results.path("seconds_until_killed_node_removed").asDouble(-1);
    assertTrue(unreachable > 0 && unreachable <= removed, results.toString());
    if (results.path("datapaths_on_killed_node").asInt() > 0) {
      assertTrue(removed <= results.path("seconds_until_every_datapath_mastered_and_converged").asDouble(), "its datapaths move only once it is gone: " + results);
    }
    assertWritten(FleetFailoverBenchmark.report(results), dir);
  }

  /** A suite leaves {@code <date>-<suite>.json}, a summary and a chart that is a picture. */
  private static void assertWritten(SuiteReport report, Path dir) throws Exception {
    List<Path> written = report.writeTo(dir);
    String stem = LocalDate.now(ZoneOffset.UTC) + "-" + report.suite();
    assertEquals(List.of(dir.resolve(stem + ".json"), dir.resolve(stem + ".md"), dir.resolve(stem + ".png")), written);
    ObjectMapper json = new ObjectMapper();
    // compared as read back: numbers and maps put as plain Java values come back as JSON nodes
    assertEquals(json.readTree(json.writeValueAsString(report.results())), json.readTree(Files.readString(written.get(0))));
    assertSummaryAndChart(written.get(1), written.get(2));
  }

  private static void assertSummaryAndChart(Path markdown, Path png) throws Exception {
    assertTrue(Files.readString(markdown).startsWith("# "), "a summary with a heading: " + markdown);
    BufferedImage chart = ImageIO.read(png.toFile());
    assertTrue(chart != null && chart.getWidth() > 100 && chart.getHeight() > 50, "a chart: " + png);
  }
}
