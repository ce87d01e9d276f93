package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.bench.BenchmarkApi;
import io.tenet.bench.LocalNode;
import io.tenet.bench.LocalStack;
import io.tenet.lab.OvsLab;
import io.tenet.lab.PingResult;
import io.tenet.lab.RunningPing;
import io.tenet.lab.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three controller nodes (JVMs) in one cluster, two hypervisors handed to all three. The node that
 * masters most datapaths is lost, by {@code kill -9} and then by SIGTERM, while two VMs ping each
 * other every 20 ms across the tunnel: sharding restarts its datapath entities on the survivors,
 * which take over as OpenFlow master with a newer term and reconcile by diff. No ping may be lost;
 * the time from the fault until every datapath is mastered and converged on a survivor goes to
 * {@code chaos-tests/results/failover.json}, with the settings that produced it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path RESULTS = Path.of("results", "failover.json");

  static OvsLab lab;
  static LocalStack stack;
  static String token;
  static final Map<String, JsonNode> ports = new HashMap<>();
  static final Map<String, Vm> vms = new HashMap<>();
  static final Map<String, Object> results = new LinkedHashMap<>();

  @BeforeAll
  static void startClusterAndLab() throws Exception {
    try {
      lab = OvsLab.start(2);
      stack = LocalStack.create(3).listenForSwitchesOn(lab.controllerAddress());
      stack.start(new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(30)));
      lab.connectTo(stack.ovsdbManagerTargets());
      BenchmarkApi api = api(stack.node(0));
      token = api.createTenant(stack.adminToken(), "failover");
      String network = api.createNetwork(token, "net", "10.0.0.0/24");
      for (String name : new String[] {"v1", "v2"}) {
        BenchmarkApi.Answer port = api.post("/ports", token, JSON.createObjectNode().put("network_id", network).put("name", name).toString());
        assertEquals(201, port.status(), port.body());
        ports.put(name, port.json());
      }
      plug(1, "v1");
      plug(2, "v2");
      awaitMastered(stack.node(0), Optional.empty(), Duration.ofSeconds(60));
    } catch (Exception | Error failed) {
      closeAll();
      throw failed;
    }
  }

  @AfterAll
  static void stopAll() throws java.io.IOException {
    try {
      if (!results.isEmpty()) {
        Files.createDirectories(RESULTS.getParent());
        Files.writeString(RESULTS, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
      }
    } finally {
      closeAll();
    }
  }

  static void closeAll() {
    try {
      if (stack != null) stack.close();
    } finally {
      if (lab != null) lab.close();
    }
  }

  /** kill -9 of the node mastering most datapaths: detection, split-brain resolver, removal margin, then take-over. */
  @Test
  @Order(1)
  void killingTheMasterNodeLosesNoPingAndSurvivorsTakeOver() throws Exception {
    loseTheMasterNode("kill-master", true);
  }

  /** SIGTERM: the node leaves the cluster and hands its shards over, no failure detection involved; then it returns. */
  @Test
  @Order(2)
  void aNodeLeavingGracefullyHandsItsDatapathsOverWithoutLosingAPing() throws Exception {
    loseTheMasterNode("graceful-leave", false);
  }

  /**
   * While v1 pings v2 every 20 ms, the node mastering most datapaths is killed (crash) or stopped
   * (graceful); its datapaths must move to the survivors with a newer term and converge, no ping
   * may be lost, and everything acknowledged stays readable. The node is then started again and
   * rejoins, so the next scenario starts from a whole cluster.
   */
  void loseTheMasterNode(String scenario, boolean crash) throws Exception {
    awaitMastered(stack.node(0), Optional.empty(), Duration.ofSeconds(60));
    Map<String, Integer> mastered = new HashMap<>();
    for (JsonNode dp : datapaths(stack.node(0))) mastered.merge(dp.path("node").asText(), 1, Integer::sum);
    String victimAddress = mastered.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    LocalNode victim = stack.nodes().stream().filter(n -> n.clusterAddress().equals(victimAddress)).findFirst().orElseThrow();
    List<LocalNode> survivors = stack.nodes().stream().filter(n -> n != victim).toList();
    LocalNode survivor = survivors.get(0);
    Map<String, Long> termsBefore = new HashMap<>();
    Set<String> movedAway = new HashSet<>();
    for (JsonNode dp : datapaths(survivor)) {
      termsBefore.put(dp.path("datapath_id").asText(), dp.path("term").asLong());
      if (dp.path("node").asText().equals(victimAddress)) movedAway.add(dp.path("datapath_id").asText());
    }

    PingResult result;
    double seenThroughApi;
    LocalTime faultAt;
    try (RunningPing ping = vms.get("v1").startPing(vms.get("v2").ip(), 20)) {
      awaitTrue(Duration.ofSeconds(10), () -> ping.progress().received() >= 10, "v1 does not reach v2 before the fault");
      long start = System.nanoTime();
      faultAt = LocalTime.now();
      if (crash) victim.kill(); else assertTrue(victim.stop(), "the node did not stop by itself after SIGTERM");
      awaitMastered(survivor, Optional.of(victimAddress), Duration.ofSeconds(60));
      seenThroughApi = (System.nanoTime() - start) / 1e9;
      Thread.sleep(1000);
      result = ping.stop();
    }
    // the survivors' own log lines time each step exactly (the API is polled, so it only bounds them)
    double remastered = movedAway.stream().mapToDouble(id -> secondsAfter(faultAt, survivors, "datapath " + id + ": master with term")).max().orElseThrow();
    double reconciled = movedAway.stream().mapToDouble(id -> secondsAfter(faultAt, survivors, "datapath " + id + ": converged")).max().orElseThrow();
    Map<String, Object> measured = new LinkedHashMap<>();
    measured.put("scenario", scenario);
    measured.put("nodes", stack.nodes().size());
    measured.put("datapaths", termsBefore.size());
    measured.put("datapaths_on_lost_node", mastered.get(victimAddress));
    if (crash) {
      measured.put("unreachable_after_seconds", round(secondsAfter(faultAt, survivors, "Marking node as UNREACHABLE")));
      measured.put("downed_after_seconds", round(secondsAfter(faultAt, survivors, "SBR took decision")));
    }
    measured.put("remaster_seconds_max", round(remastered));
    measured.put("reconcile_seconds_max", round(reconciled));
    measured.put("seen_through_api_after_seconds", round(seenThroughApi));
    measured.put("ping_interval_ms", 20);
    measured.put("pings_sent", result.transmitted());
    measured.put("pings_lost", result.lostSeqs().size());
    // the nodes inherit this JVM's environment: the settings are the node defaults unless overridden here
    measured.put("settings", Map.of(
        "failure_detector_acceptable_heartbeat_pause", System.getenv().getOrDefault("TENET_HEARTBEAT_PAUSE", "3s"),
        "split_brain_resolver", System.getenv().getOrDefault("TENET_SBR_STRATEGY", "keep-majority"),
        "sbr_stable_after", System.getenv().getOrDefault("TENET_SBR_STABLE_AFTER", "5s"),
        "down_removal_margin", System.getenv().getOrDefault("TENET_DOWN_REMOVAL_MARGIN", "3s")));
    results.put(scenario, measured);
    System.out.println(scenario + ": " + measured);

    assertTrue(result.noneLost(), "pings lost during " + scenario + ": " + result.lostSeqs());
    for (JsonNode dp : datapaths(survivor)) {
      String id = dp.path("datapath_id").asText();
      assertNotEquals(victimAddress, dp.path("node").asText());
      if (movedAway.contains(id)) assertTrue(dp.path("term").asLong() > termsBefore.get(id), "the new master must have a newer term: " + dp);
    }
    // the API on a survivor still serves everything acknowledged before the fault
    for (JsonNode port : ports.values()) {
      BenchmarkApi.Answer answer = api(survivor).get("/ports/" + port.path("id").asText(), token);
      assertEquals(200, answer.status(), answer.body());
      assertEquals("ACTIVE", answer.json().path("status").asText());
    }
    stack.restartNode(victim.index());
  }

  static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  /** Seconds from {@code start} to the first line after it, in any of the nodes' logs, that contains {@code text}. */
  static double secondsAfter(LocalTime start, List<LocalNode> nodes, String text) {
    double first = Double.MAX_VALUE;
    for (LocalNode node : nodes) {
      try {
        for (String line : Files.readAllLines(node.log())) {
          if (line.length() < 12 || !line.contains(text)) continue;
          LocalTime at;
          try {
            at = LocalTime.parse(line.substring(0, 12));
          } catch (java.time.format.DateTimeParseException notATimestamp) {
            continue;
          }
          double seconds = Duration.between(start, at).toMillis() / 1000.0;
          if (seconds >= 0) first = Math.min(first, seconds);
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    if (first == Double.MAX_VALUE) throw new AssertionError("no line with '" + text + "' after the kill in the survivors' logs");
    return first;
  }

  static BenchmarkApi api(LocalNode node) {
    return new BenchmarkApi(node.apiBase(), Duration.ofSeconds(15));
  }

  static void plug(int hypervisor, String name) {
    JsonNode port = ports.get(name);
    String ip = port.path("fixed_ips").get(0).path("ip_address").asText();
    vms.put(name, lab.hypervisor(hypervisor).plugVm(name, port.path("mac_address").asText(), port.path("id").asText(), ip + "/24"));
  }

  static JsonNode datapaths(LocalNode node) throws Exception {
    BenchmarkApi.Answer answer = api(node).get("/datapaths", stack.adminToken());
    if (answer.status() != 200) throw new IllegalStateException("GET /datapaths on node " + node.index() + ": " + answer.status() + " " + answer.body());
    return answer.json().path("datapaths");
  }

  /** Every datapath of the lab is master and converged on a live node other than {@code notOn}. */
  static void awaitMastered(LocalNode asking, Optional<String> notOn, Duration timeout) throws Exception {
    awaitTrue(timeout, () -> {
      try {
        JsonNode all = datapaths(asking);
        if (all.size() != lab.hypervisors().size()) return false;
        for (JsonNode dp : all) {
          if (!"master".equals(dp.path("role").asText()) || !dp.path("converged").asBoolean()) return false;
          if (notOn.isPresent() && notOn.get().equals(dp.path("node").asText())) return false;
        }
        return true;
      } catch (Exception notYet) {
        return false;
      }
    }, "datapaths not mastered and converged" + notOn.map(n -> " away from " + n).orElse("") + "; log of node " + asking.index() + ":\n"
        + asking.logTail());
  }

  static void awaitTrue(Duration timeout, java.util.function.BooleanSupplier condition, String failure) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return;
      Thread.sleep(100);
    }
    throw new AssertionError(failure);
  }
}
