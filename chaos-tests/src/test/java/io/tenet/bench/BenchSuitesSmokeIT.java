package io.tenet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenet.persistence.testing.SharedCassandra;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each benchmark suite of {@code deploy/bin/bench} once with tiny sizes, so a change that breaks a
 * suite fails the test suite rather than the next person who measures. The figures are not
 * looked at (2 cores shared with everything else); that the suite runs to its results is. JMH
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
  }

  @Test
  void portUp() throws Exception {
    JsonNode results = PortUpBenchmark.run(2, stacks);
    assertEquals("port-up", results.path("benchmark").asText());
    assertEquals(2, results.path("ports_measured").asInt(), results.toString());
  }

  @Test
  void securityGroups() throws Exception {
    assertEquals("security-groups", SecurityGroupBenchmark.run(5, 1, stacks).path("benchmark").asText());
  }

  @Test
  void floatingIp() throws Exception {
    JsonNode results = FloatingIpBenchmark.run(2, stacks);
    assertEquals("floating-ip", results.path("benchmark").asText());
    assertTrue(results.toString().contains("first_packet_ms"), results.toString());
  }

  @Test
  void fleet() throws Exception {
    JsonNode results = FleetBenchmark.run(3, 2, 2, 2, stacks);
    assertEquals(3, results.path("datapaths").asInt(), results.toString());
  }

  @Test
  void fleetFailover() throws Exception {
    JsonNode results = FleetFailoverBenchmark.run(6, stacks);
    assertEquals("fleet-failover", results.path("benchmark").asText());
    assertTrue(results.path("seconds_until_all_converged").isNumber(), results.toString());
  }
}
