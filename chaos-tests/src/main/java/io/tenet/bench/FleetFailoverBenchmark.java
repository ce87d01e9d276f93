package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.emulator.SwitchEmulator;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Failover of an emulated fleet: a 3-node cluster (its Cassandra on the same machine) masters
 * {@code --datapaths} emulated hypervisors, each managed by every node and connected to every
 * node's OpenFlow port; one node (not the one answering the API) is killed with SIGKILL. Measured
 * from the kill: when every switch again has a live MASTER connection (seen by the emulator, as
 * OVS would see it), and when every datapath is mastered and converged (reconciled) by the
 * survivors (seen through the API). Writes {@code bench/results/<date>-fleet-failover.{json,md}}.
 */
public final class FleetFailoverBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> CLUSTER_TIMERS = List.of("TENET_HEARTBEAT_PAUSE", "TENET_HEARTBEAT_INTERVAL", "TENET_SBR_STABLE_AFTER",
      "TENET_DOWN_REMOVAL_MARGIN");

  private FleetFailoverBenchmark() {}

  public static void main(String[] args) throws Exception {
    int datapaths = 1000;
    Path outDir = Path.of("bench", "results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datapaths" -> datapaths = Integer.parseInt(args[++i]);
        case "--out-dir" -> outDir = Path.of(args[++i]);
        case "--help" -> {
          System.out.println("bench fleet-failover [--datapaths N (1000)] [--out-dir DIR (bench/results)]");
          return;
        }
        default -> {
          System.err.println("bench fleet-failover: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    ObjectNode results = run(datapaths, StackFactory.OWN_CASSANDRA);
    List<Path> written = report(results).writeTo(outDir);
    System.out.println("bench fleet-failover: wrote " + written);
  }

  static ObjectNode run(int datapathCount, StackFactory stacks) throws Exception {
    ObjectNode results = JSON.createObjectNode();
    results.put("benchmark", "fleet-failover");
    results.put("git_commit", System.getenv().getOrDefault("TENET_BENCH_GIT_COMMIT", "unknown"));
    results.put("datapaths", datapathCount);
    results.put("node_heap_max", System.getProperty("tenet.bench.node-heap", "1g"));
    // the nodes inherit the environment: failover timers set there (docs/operators.md) are part of the result
    ObjectNode timers = results.putObject("cluster_timers_from_environment");
    for (String timer : CLUSTER_TIMERS) {
      String value = System.getenv(timer);
      if (value != null) timers.put(timer, value);
    }
    try (LocalStack stack = stacks.create(3).listenForSwitchesOn("127.0.0.1")) {
      BenchmarkApi api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(60));
      stack.start(api);
      List<InetSocketAddress> managers = new ArrayList<>();
      List<String> targets = new ArrayList<>();
      for (LocalNode node : stack.nodes()) {
        managers.add(new InetSocketAddress("127.0.0.1", node.ovsdbPort()));
        targets.add("tcp:127.0.0.1:" + node.openflowPort());
      }
      long start = System.nanoTime();
      try (SwitchEmulator fleet = SwitchEmulator.start(datapathCount, managers, targets, 2)) {
        run(results, stack, api, fleet, datapathCount, start);
      } catch (RuntimeException | InterruptedException failed) {
        // the stack's directory goes when it closes: keep what the nodes said
        for (LocalNode node : stack.nodes()) System.err.println("[failover] node " + node.clusterAddress() + " log tail:\n" + node.logTail());
        throw failed;
      }
    }
    results.put("finished_at", Instant.now().toString());
    return results;
  }

  /** Waits for the whole fleet, kills the node hosting the most datapaths (not node 0) and times the takeover. */
  private static void run(ObjectNode results, LocalStack stack, BenchmarkApi api, SwitchEmulator fleet, int datapathCount, long start) throws InterruptedException {
    Map<String, Integer> hosted = FleetStatus.awaitAllReady(api, stack, datapathCount, Duration.ofMinutes(10));
    results.put("seconds_until_all_converged", FleetBenchmark.round((System.nanoTime() - start) / 1e9));
    results.putPOJO("datapaths_per_node_before", hosted);
    System.out.println("[failover] all converged; per node: " + hosted);

    // the victim: the node (other than node 0, which answers the API) hosting the most datapaths
    int victim = 1;
    String victimAddress = stack.node(1).clusterAddress();
    for (int i = 1; i < stack.nodes().size(); i++) {
      String address = stack.node(i).clusterAddress();
      if (hosted.getOrDefault(address, 0) > hosted.getOrDefault(victimAddress, 0)) {
        victim = i;
        victimAddress = address;
      }
    }
    results.put("killed_node", victimAddress);
    results.put("datapaths_on_killed_node", hosted.getOrDefault(victimAddress, 0));
    long killedAt = System.nanoTime();
    stack.node(victim).kill();
    double mastered = -1;
    double firstRemastered = -1;
    long fewestMastered = Long.MAX_VALUE;
    Double reconciled = null;
    long deadline = killedAt + Duration.ofMinutes(3).toNanos();
    long nextApiPoll = killedAt;
    try (MembershipTimeline membership = new MembershipTimeline(stack.node(0).managementPort(), victimAddress, killedAt)) {
      while (System.nanoTime() < deadline && reconciled == null) {
        long live = fleet.withLiveMaster();
        // the killed node's switches lose their master at once (the connection resets); the first to get one back marks the takeover's start
        if (live < fewestMastered) fewestMastered = live;
        if (firstRemastered < 0 && live > fewestMastered) firstRemastered = (System.nanoTime() - killedAt) / 1e9;
        if (mastered < 0 && live == datapathCount) mastered = (System.nanoTime() - killedAt) / 1e9;
        if (System.nanoTime() >= nextApiPoll) {
          if (FleetStatus.ready(api, stack) >= datapathCount && fleet.withLiveMaster() == datapathCount) reconciled = (System.nanoTime() - killedAt) / 1e9;
          nextApiPoll = System.nanoTime() + 500_000_000L;
        }
        Thread.sleep(50);
      }
      if (reconciled == null) throw new IllegalStateException("not every datapath was reconciled within 3 minutes of the kill");
      // the last switch may get its master between two looks of one round: then it was by the time everything converged
      if (mastered < 0) mastered = reconciled;
      putSeconds(results, "seconds_until_killed_node_unreachable", membership.unreachable());
      putSeconds(results, "seconds_until_killed_node_down", membership.down());
      putSeconds(results, "seconds_until_killed_node_removed", membership.removed());
    }
    putSeconds(results, "seconds_until_first_switch_has_a_master_again", firstRemastered < 0 ? null : firstRemastered);
    results.put("seconds_until_every_switch_has_a_live_master", FleetBenchmark.round(mastered));
    results.put("seconds_until_every_datapath_mastered_and_converged", FleetBenchmark.round(reconciled));
    System.out.println("[failover] " + results);
  }

  private static void putSeconds(ObjectNode results, String name, Double seconds) {
    if (seconds == null) results.putNull(name);
    else results.put(name, FleetBenchmark.round(seconds));
  }

  /** The summary and, as bars, the time from the kill until the fleet is mastered and converged again. */
  static SuiteReport report(ObjectNode results) {
    String title = "kill -9 of the node hosting " + results.path("datapaths_on_killed_node").asInt() + " of " + results.path("datapaths").asInt() + " datapaths";
    List<String> metrics = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    String[][] bars = {
        {"seconds_until_killed_node_unreachable", "node unreachable"},
        {"seconds_until_killed_node_removed", "node removed"},
        {"seconds_until_first_switch_has_a_master_again", "first switch mastered again"},
        {"seconds_until_every_switch_has_a_live_master", "every switch has a live master"},
        {"seconds_until_every_datapath_mastered_and_converged", "every datapath converged"}};
    for (String[] bar : bars) {
      if (!results.path(bar[0]).isNumber()) continue;
      metrics.add(bar[1]);
      seconds.add(results.path(bar[0]).asDouble());
    }
    return new SuiteReport("fleet-failover", results, summary(results), new SuiteReport.Bars(title, "s", metrics, Map.of("tenet", seconds)));
  }

  static String summary(ObjectNode results) {
    return "# Fleet failover: one node of three killed\n\n"
        + "Commit " + results.path("git_commit").asText() + ", " + results.path("finished_at").asText() + ". Three nodes (heap at most "
        + results.path("node_heap_max").asText() + " each), their Cassandra and " + results.path("datapaths").asInt()
        + " emulated hypervisors (each managed by every node), all on 2 cores. Cluster timers: " + timers(results) + ".\n\n"
        + "| measure | value |\n|---|---:|\n"
        + "| datapaths on the killed node | " + results.path("datapaths_on_killed_node").asInt() + " |\n"
        + timeline(results)
        + "| kill -9 -> every switch has a live MASTER connection | " + results.path("seconds_until_every_switch_has_a_live_master").asDouble() + " s |\n"
        + "| kill -9 -> every datapath mastered and converged | " + results.path("seconds_until_every_datapath_mastered_and_converged").asDouble() + " s |\n";
  }

  /** Where the time before the takeover went, as the surviving node answering the API saw it (runs before this was recorded have none). */
  private static String timeline(ObjectNode results) {
    StringBuilder rows = new StringBuilder();
    String[][] steps = {
        {"seconds_until_killed_node_unreachable", "kill -9 -> a survivor finds the node unreachable (failure detector)"},
        {"seconds_until_killed_node_down", "kill -9 -> the node is marked down (split-brain resolver)"},
        {"seconds_until_killed_node_removed", "kill -9 -> the node is removed from the cluster"},
        {"seconds_until_first_switch_has_a_master_again", "kill -9 -> the first of its switches has a master again"}};
    for (String[] step : steps) {
      JsonNode value = results.path(step[0]);
      if (value.isNumber()) rows.append("| ").append(step[1]).append(" | ").append(value.asDouble()).append(" s |\n");
    }
    return rows.toString();
  }

  private static String timers(ObjectNode results) {
    JsonNode set = results.path("cluster_timers_from_environment");
    if (set.isEmpty()) return "the defaults";
    StringBuilder text = new StringBuilder();
    set.fields().forEachRemaining(timer -> text.append(text.length() == 0 ? "" : ", ").append(timer.getKey()).append('=').append(timer.getValue().asText()));
    return text.toString();
  }
}
