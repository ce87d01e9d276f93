package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.emulator.EmulatedHypervisor;
import io.tenet.emulator.SwitchEmulator;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One node (its own Cassandra, all on this machine) and a fleet of emulated hypervisors
 * ({@link SwitchEmulator}). Not a test: it measures and writes {@code bench/results/<date>-fleet.json}
 * and {@code .md}.
 *
 * <ol>
 *   <li>Connect: every datapath connects (OVSDB and OpenFlow) and is mastered and converged; the
 *       node's heap after a full GC, before and after, gives the heap per datapath.</li>
 *   <li>Bind: ports are created through the API in networks of {@code --network-size} ports, each
 *       network's ports on as many different datapaths and every datapath with its share
 *       ({@link FleetPlacement}), then plugged; the clock runs until every
 *       datapath is converged again, and the node's flow-mod counter over that time gives the
 *       flow-mods per second it pushed. Heap again, per port.</li>
 *   <li>One change at this size: a port plugged and then created with {@code ?wait=realized} in a
 *       network of the same size: the API time and the flow-mods it cost.</li>
 * </ol>
 */
public final class FleetBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String FLOW_MODS = "tenet_openflow_flow_mods_sent_total";
  static final String REPAIRED_FLOWS = "tenet_datapath_repaired_flows_total";

  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    int datapaths = 100;
    int portsPerDatapath = 10;
    int networkSize = 20;
    int concurrency = 16;
    int rounds = 1;
    Path outDir = Path.of("bench", "results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--datapaths" -> datapaths = Integer.parseInt(args[++i]);
        case "--ports-per-datapath" -> portsPerDatapath = Integer.parseInt(args[++i]);
        case "--network-size" -> networkSize = Integer.parseInt(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--out-dir" -> outDir = Path.of(args[++i]);
        case "--help" -> {
          System.out.println("bench fleet [--datapaths N (100)] [--ports-per-datapath K (10)] [--network-size S (20)] [--concurrency C (16)] [--rounds R (1)] [--out-dir DIR]");
          return;
        }
        default -> {
          System.err.println("bench fleet: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (networkSize < 2 || networkSize > 250 || networkSize > datapaths) {
      System.err.println("bench fleet: --network-size must be 2..250 and at most --datapaths");
      System.exit(2);
    }
    ObjectNode results = run(datapaths, portsPerDatapath, networkSize, concurrency, rounds, StackFactory.OWN_CASSANDRA);
    List<Path> written = report(results).writeTo(outDir);
    System.out.println("bench fleet: wrote " + written);
  }

  static ObjectNode run(int datapathCount, int portsPerDatapath, int networkSize, int concurrency, StackFactory stacks) throws Exception {
    return run(datapathCount, portsPerDatapath, networkSize, concurrency, 1, stacks);
  }

  /** {@code rounds} binds of as many ports each: the later ones run on a node that has done the work before (its code compiled, its caches warm). */
  static ObjectNode run(int datapathCount, int portsPerDatapath, int networkSize, int concurrency, int rounds, StackFactory stacks) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(concurrency);
    ObjectNode results = JSON.createObjectNode();
    results.put("benchmark", "fleet");
    results.put("git_commit", System.getenv().getOrDefault("TENET_BENCH_GIT_COMMIT", "unknown"));
    results.put("node_heap_max", System.getProperty("tenet.bench.node-heap", "1g"));
    results.put("datapaths", datapathCount);
    try (LocalStack stack = stacks.create(1).listenForSwitchesOn("127.0.0.1")) {
      BenchmarkApi api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(60));
      stack.start(api);
      long pid = stack.nodePid().orElseThrow();
      double heapIdle = NodeHeap.usedAfterGc(pid);
      long start = System.nanoTime();
      try (SwitchEmulator fleet = SwitchEmulator.start(datapathCount, new InetSocketAddress("127.0.0.1", stack.ovsdbPort()),
          "tcp:127.0.0.1:" + stack.openflowPort(), 2)) {
        FleetStatus.awaitAllReady(api, stack, datapathCount, Duration.ofMinutes(10));
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        double heapConnected = NodeHeap.usedAfterGc(pid);
        ObjectNode connect = results.putObject("connect");
        connect.put("seconds_until_all_converged", round(connectSeconds));
        connect.put("node_heap_used_idle_mib", round(heapIdle));
        connect.put("node_heap_used_connected_mib", round(heapConnected));
        connect.put("heap_per_datapath_kib", round((heapConnected - heapIdle) * 1024 / datapathCount));
        connect.put("flows_held_by_the_fleet", fleet.flowsHeld());
        System.out.println("[fleet] connected: " + connect);

        // bind: networks of networkSize ports, each port of a network on its own datapath; later rounds add as many again
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put("node", pid);
        stack.cassandraPid().ifPresent(cassandra -> processes.put("cassandra", cassandra));
        processes.put("emulator_and_clients", ProcessHandle.current().pid()); // the emulated fleet and the API clients run in this JVM
        Bound first = null;
        ArrayNode later = JSON.createArrayNode();
        double heapBefore = heapConnected;
        Map<String, Long> histogramBefore = NodeHeap.histogram(pid);
        for (int round = 0; round < rounds; round++) {
          Bound bound = bind(round, api, stack, fleet, clients, processes, datapathCount, portsPerDatapath, networkSize, concurrency, heapBefore, histogramBefore);
          heapBefore = bound.summary().path("node_heap_used_mib").asDouble();
          histogramBefore = bound.histogram();
          if (first == null) first = bound;
          else later.add(bound.summary());
          System.out.println("[fleet] bound, round " + (round + 1) + ": " + bound.summary());
        }
        results.set("bind", first.summary());
        if (!later.isEmpty()) results.set("later_rounds", later);
        List<String> tokens = first.tokens();
        List<String> networks = first.networks();

        // one change at this size: a port added to a network of networkSize
        ArrayNode changes = results.putArray("one_port_added");
        FleetPlacement placement = new FleetPlacement(datapathCount, networkSize);
        for (int r = 0; r < 5; r++) {
          int network = r % networks.size();
          EmulatedHypervisor host = fleet.hypervisor((placement.datapathOf(network, 0) + 1) % datapathCount); // next to the network's first port
          String portId = UUID.randomUUID().toString();
          String mac = String.format("fa:16:3e:ff:%02x:%02x", network & 0xff, r);
          host.plug(portId, mac);
          double modsBefore = MetricsScrape.of(stack.apiBase()).value(FLOW_MODS);
          long t = System.nanoTime();
          BenchmarkApi.Answer created = api.post("/ports?wait=realized&timeout=30s", tokens.get(FleetPlacement.tenantOf(network)),
              JSON.createObjectNode().put("id", portId).put("network_id", networks.get(network)).put("mac_address", mac).toString());
          double ms = (System.nanoTime() - t) / 1e6;
          if (created.status() != 201) throw new IllegalStateException("POST /ports?wait=realized answered " + created.status() + ": " + created.body());
          // realized covers the create's view on the network's datapaths; the port's own host may bind it a tick later
          double activeMs = untilActive(api, tokens.get(FleetPlacement.tenantOf(network)), portId, t);
          Thread.sleep(500); // the port's own datapath confirms after the network's: let its batch be counted
          double modsAfter = MetricsScrape.of(stack.apiBase()).value(FLOW_MODS);
          changes.addObject().put("api_realized_ms", round(ms)).put("active_ms", round(activeMs)).put("flow_mods", (long) (modsAfter - modsBefore))
              .put("datapaths_confirming", created.json().path("realization").path("datapaths").size());
        }
        System.out.println("[fleet] one port added: " + changes);
      }
    } finally {
      clients.shutdownNow();
    }
    results.put("finished_at", Instant.now().toString());
    System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    return results;
  }

  /** One round's ports, their networks and their tenants' tokens. */
  private record Bound(ObjectNode summary, List<String> tokens, List<String> networks, Map<String, Long> histogram) {}

  /**
   * Creates {@code datapathCount * portsPerDatapath} ports in new networks of {@code networkSize},
   * each port of a network on its own datapath, and waits until every datapath converged.
   */
  private static Bound bind(int round, BenchmarkApi api, LocalStack stack, SwitchEmulator fleet, ExecutorService clients, Map<String, Long> processes,
      int datapathCount, int portsPerDatapath, int networkSize, int concurrency, double heapBefore, Map<String, Long> histogramBefore) throws Exception {
    long pid = processes.get("node");
    int portCount = datapathCount * portsPerDatapath;
    int networkCount = (portCount + networkSize - 1) / networkSize;
    FleetPlacement placement = new FleetPlacement(datapathCount, networkSize);
    List<String> tokens = new ArrayList<>();
    List<String> networks = new ArrayList<>();
    for (int n = 0; n < networkCount; n++) {
      int global = round * networkCount + n; // every round's networks are new ones, with addresses of their own
      if (n % FleetPlacement.NETWORKS_PER_TENANT == 0) tokens.add(api.createTenant(stack.adminToken(), "fleet-" + round + "-" + FleetPlacement.tenantOf(n)));
      networks.add(api.createNetwork(tokens.get(FleetPlacement.tenantOf(n)), "net-" + global, "10." + (global / 250) + "." + (global % 250) + ".0/24"));
    }
    double before = MetricsScrape.of(stack.apiBase()).value(FLOW_MODS);
    CpuSnapshot cpuBefore = CpuSnapshot.take(processes);
    long bindStart = System.nanoTime();
    List<Future<?>> creates = new ArrayList<>();
    AtomicInteger retried = new AtomicInteger();
    for (int p = 0; p < portCount; p++) {
      int network = p / networkSize;
      int slot = p % networkSize;
      EmulatedHypervisor host = fleet.hypervisor(placement.datapathOf(network, slot));
      String token = tokens.get(FleetPlacement.tenantOf(network));
      String networkId = networks.get(network);
      creates.add(clients.submit(() -> {
        String portId = UUID.randomUUID().toString();
        String mac = String.format("fa:16:3e:%02x:%02x:%02x", round & 0xff, network & 0xff, slot);
        host.plug(portId, mac);
        ObjectNode body = JSON.createObjectNode().put("id", portId).put("network_id", networkId).put("mac_address", mac);
        BenchmarkApi.Answer created = api.post("/ports", token, body.toString());
        // 503: not confirmed in time; the same id again is what a client does, and gets the same port
        for (int retry = 0; created.status() == 503 && retry < 3; retry++) {
          retried.incrementAndGet();
          created = api.post("/ports", token, body.toString());
        }
        if (created.status() != 201) throw new IllegalStateException("POST /ports answered " + created.status() + ": " + created.body());
        return null;
      }));
    }
    for (Future<?> create : creates) create.get();
    double createdSeconds = (System.nanoTime() - bindStart) / 1e9;
    FleetStatus.awaitAllReady(api, stack, datapathCount, Duration.ofMinutes(30));
    double boundSeconds = (System.nanoTime() - bindStart) / 1e9;
    Map<String, Double> cpu = CpuSnapshot.take(processes).secondsSince(cpuBefore);
    double after = MetricsScrape.of(stack.apiBase()).value(FLOW_MODS);
    double heapBound = NodeHeap.usedAfterGc(pid);
    ObjectNode bind = JSON.createObjectNode();
    bind.put("round", round + 1);
    bind.put("ports", portCount);
    bind.put("networks", networkCount);
    bind.put("network_size", networkSize);
    bind.put("api_concurrency", concurrency);
    bind.put("seconds_creating", round(createdSeconds));
    bind.put("creates_per_second", round(portCount / createdSeconds));
    bind.put("creates_retried_after_503", retried.get());
    bind.put("seconds_until_all_converged", round(boundSeconds));
    bind.put("flow_mods_sent", (long) (after - before));
    bind.put("flow_mods_per_second", round((after - before) / boundSeconds));
    // the emulated switches lose nothing: any flow a verification repairs is a false report or a bug
    bind.put("flows_repaired_by_verification", (long) MetricsScrape.of(stack.apiBase()).value(REPAIRED_FLOWS, "trigger=\"verification\""));
    bind.put("node_heap_used_mib", round(heapBound));
    bind.put("heap_per_port_kib", round((heapBound - heapBefore) * 1024 / portCount));
    bind.put("flows_held_by_the_fleet", fleet.flowsHeld());
    bind.putPOJO("cpu_seconds_until_converged", cpu);
    ObjectNode perPort = bind.putObject("cpu_ms_per_port");
    cpu.forEach((process, seconds) -> perPort.put(process, round(seconds * 1000 / portCount)));
    Map<String, Long> histogram = NodeHeap.histogram(pid);
    ArrayNode largest = bind.putArray("node_heap_largest_classes_bytes");
    NodeHeap.largest(histogram, 15).forEach(largest::add);
    ArrayNode perPortGrowth = bind.putArray("node_heap_growth_per_port_bytes");
    NodeHeap.largestGrowth(histogramBefore, histogram, portCount, 20).forEach(perPortGrowth::add);
    return new Bound(bind, tokens, networks, histogram);
  }

  /** Milliseconds from {@code startedNanos} until the port reads ACTIVE (bound, and confirmed by its own datapath); at most 30 s. */
  private static double untilActive(BenchmarkApi api, String token, String portId, long startedNanos) throws Exception {
    long deadline = startedNanos + Duration.ofSeconds(30).toNanos();
    while (!"ACTIVE".equals(api.get("/ports/" + portId, token).json().path("status").asText())) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("port " + portId + " not ACTIVE 30 s after its create");
      Thread.sleep(2);
    }
    return (System.nanoTime() - startedNanos) / 1e6;
  }

  /** The summary and, as bars, the time each added port took to be confirmed by every datapath of its network. */
  static SuiteReport report(ObjectNode results) {
    List<String> runs = new ArrayList<>();
    List<Double> ms = new ArrayList<>();
    results.path("one_port_added").forEach(change -> {
      runs.add("run " + (runs.size() + 1));
      ms.add(change.path("api_realized_ms").asDouble());
    });
    String title = "One port added at " + results.path("bind").path("ports").asInt() + " ports, confirmed by every datapath";
    return new SuiteReport("fleet", results, summary(results), new SuiteReport.Bars(title, "ms", runs, Map.of("tenet", ms)));
  }

  static String summary(ObjectNode results) {
    StringBuilder md = new StringBuilder("# Fleet: one node and emulated hypervisors\n\n");
    md.append("Commit ").append(results.path("git_commit").asText()).append(", ").append(results.path("finished_at").asText())
        .append(". One node (heap at most ").append(results.path("node_heap_max").asText()).append(") with its own Cassandra and the emulated fleet, all on 2 cores.\n\n");
    JsonNode connect = results.path("connect");
    JsonNode bind = results.path("bind");
    md.append("| measure | value |\n|---|---:|\n");
    md.append("| datapaths connected, mastered and converged | ").append(results.path("datapaths").asInt()).append(" in ")
        .append(connect.path("seconds_until_all_converged").asDouble()).append(" s |\n");
    md.append("| heap per datapath | ").append(connect.path("heap_per_datapath_kib").asDouble()).append(" KiB |\n");
    md.append("| ports created and bound | ").append(bind.path("ports").asInt()).append(" (").append(bind.path("networks").asInt()).append(" networks of ")
        .append(bind.path("network_size").asInt()).append(") |\n");
    md.append("| creates per second (API, ").append(bind.path("api_concurrency").asInt()).append(" clients) | ").append(bind.path("creates_per_second").asDouble()).append(" |\n");
    md.append("| first create to every datapath converged | ").append(bind.path("seconds_until_all_converged").asDouble()).append(" s |\n");
    md.append("| flow-mods sent meanwhile | ").append(bind.path("flow_mods_sent").asLong()).append(" (").append(bind.path("flow_mods_per_second").asDouble()).append(" per second) |\n");
    md.append("| flows repaired by verification meanwhile (a switch that loses nothing: 0) | ").append(bind.path("flows_repaired_by_verification").asLong()).append(" |\n");
    md.append("| CPU per port until converged, ms | ").append(bind.path("cpu_ms_per_port")).append(" |\n");
    md.append("| heap per bound port | ").append(bind.path("heap_per_port_kib").asDouble()).append(" KiB |\n");
    md.append("| node heap used after GC: idle / connected / bound | ").append(connect.path("node_heap_used_idle_mib").asDouble()).append(" / ")
        .append(connect.path("node_heap_used_connected_mib").asDouble()).append(" / ").append(bind.path("node_heap_used_mib").asDouble()).append(" MiB |\n");
    if (results.has("later_rounds")) {
      md.append("\nThe same again on the same node, new ports in new networks (round 1 is the table above):\n\n");
      md.append("| round | creates per second | first create to every datapath converged | CPU per port until converged, ms | heap per bound port |\n|---:|---:|---:|---|---:|\n");
      results.path("later_rounds").forEach(r -> md.append("| ").append(r.path("round").asInt()).append(" | ").append(r.path("creates_per_second").asDouble())
          .append(" | ").append(r.path("seconds_until_all_converged").asDouble()).append(" s | ").append(r.path("cpu_ms_per_port")).append(" | ")
          .append(r.path("heap_per_port_kib").asDouble()).append(" KiB |\n"));
    }
    md.append("\nWhere the node's heap goes once the ports are bound (bytes, class; `jcmd GC.class_histogram`):\n\n");
    bind.path("node_heap_largest_classes_bytes").forEach(c -> md.append("- ").append(c.asText()).append("\n"));
    if (bind.has("node_heap_growth_per_port_bytes")) {
      md.append("\nWhat each bound port added to the node's heap (bytes per port, class; growth of the histogram while binding):\n\n");
      bind.path("node_heap_growth_per_port_bytes").forEach(c -> md.append("- ").append(c.asText()).append("\n"));
    }
    md.append("\nOne port added to a network of ").append(bind.path("network_size").asInt()).append(" at this size (`POST /v1/ports?wait=realized`):\n\n");
    md.append("| API until realized (ms) | until the port reads ACTIVE (ms) | flow-mods | datapaths confirming |\n|---:|---:|---:|---:|\n");
    results.path("one_port_added").forEach(c -> md.append("| ").append(c.path("api_realized_ms").asDouble()).append(" | ").append(c.path("active_ms").asDouble())
        .append(" | ").append(c.path("flow_mods").asLong()).append(" | ").append(c.path("datapaths_confirming").asInt()).append(" |\n"));
    return md.toString();
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
