package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.lab.Hypervisor;
import io.tenet.lab.OvsLab;
import io.tenet.switches.flow.Cookie;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Port-up latency through the whole data plane, and flows per datapath as a cloud grows. Not a
 * test: it measures and writes {@code bench/results/<date>-port-up.{json,md,png}}.
 *
 * <p>A lab of three hypervisors and one node with its own Cassandra. hv1 hosts a steady network
 * of a few ports; the growing network has its ports on hv2 and hv3. For each new port, the VM
 * interface is plugged first (as Nova does), then the port is created through the API, and the
 * clock runs until the port's flows (found by its cookie with {@code ovs-ofctl dump-flows
 * cookie=.../-1}, polled on every hypervisor of the network in parallel) are on every datapath
 * that must have them. Flows reach a switch only in a batch the controller confirms with a
 * barrier, so this is "API create to barrier-confirmed flows", seen from outside; the polling
 * adds a few milliseconds (one ovs-ofctl run). Every ten ports the flow count of each datapath is
 * recorded: hv1's stays flat because it serves nothing of the growing network.
 */
public final class PortUpBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int STEADY_PORTS = 4;
  static final Duration PORT_UP_TIMEOUT = Duration.ofSeconds(30);

  private PortUpBenchmark() {}

  public static void main(String[] args) throws Exception {
    int ports = 100;
    Path out = Path.of("bench", "results", java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "-port-up.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--ports" -> ports = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--help" -> {
          System.out.println("tenet-bench port-up [--ports N (100)] [--out FILE (bench/results/<date>-port-up.json, with .md and .png beside it)]");
          return;
        }
        default -> {
          System.err.println("tenet-bench port-up: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (ports < 2 || ports > 240) {
      System.err.println("tenet-bench port-up: --ports must be 2..240 (one /24)");
      System.exit(2);
    }
    ObjectNode results = run(ports, StackFactory.OWN_CASSANDRA);
    System.out.println("tenet-bench port-up: wrote " + report(results).writeAs(out));
  }

  /** The summary and, as bars, the port-up latency by percentile. */
  static SuiteReport report(ObjectNode results) {
    JsonNode latency = results.path("port_up_ms");
    List<String> metrics = List.of("p50", "p90", "p99", "max");
    StringBuilder md = new StringBuilder("# Port-up latency\n\n");
    md.append("Commit ").append(results.path("git_commit").asText()).append(", ").append(results.path("hypervisors").asInt()).append(" hypervisors, ")
        .append(results.path("ports_measured").asInt()).append(" ports. ").append(results.path("order").asText()).append("; measured: ")
        .append(results.path("measured").asText()).append(".\n\n| | ms |\n|---|---:|\n");
    for (String metric : metrics) md.append("| ").append(metric).append(" | ").append(latency.path(metric).asDouble()).append(" |\n");
    List<Double> values = metrics.stream().map(metric -> latency.path(metric).asDouble()).toList();
    return new SuiteReport("port-up", results, md.toString(),
        new SuiteReport.Bars("Port-up latency, " + results.path("ports_measured").asInt() + " ports", "ms", metrics, Map.of("tenet", values)));
  }

  static ObjectNode run(int portCount, StackFactory stacks) throws Exception {
    ExecutorService pollers = Executors.newFixedThreadPool(3);
    try (OvsLab lab = OvsLab.start(3); LocalStack stack = stacks.create(1).listenForSwitchesOn(lab.controllerAddress())) {
      BenchmarkApi api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(30));
      stack.start(api);
      lab.connectTo(lab.controllerAddress(), stack.ovsdbPort());
      String token = api.createTenant(stack.adminToken(), "bench");
      String steady = api.createNetwork(token, "steady", "10.1.0.0/24");
      String growing = api.createNetwork(token, "growing", "10.2.0.0/24");
      Hypervisor hv1 = lab.hypervisor(1);
      for (int i = 0; i < STEADY_PORTS; i++) portUp(api, token, steady, hv1, "s" + i, List.of(hv1), pollers);

      List<Double> latencies = new ArrayList<>();
      ArrayNode flowsPerDatapath = JSON.createArrayNode();
      flowsPerDatapath.add(flowCounts(lab, 0));
      for (int i = 1; i <= portCount; i++) {
        Hypervisor host = lab.hypervisor(i % 2 == 1 ? 2 : 3);
        List<Hypervisor> serving = i == 1 ? List.of(lab.hypervisor(2)) : List.of(lab.hypervisor(2), lab.hypervisor(3));
        latencies.add(portUp(api, token, growing, host, "g" + i, serving, pollers));
        if (i % 10 == 0 || i == portCount) flowsPerDatapath.add(flowCounts(lab, i));
      }
      ObjectNode results = JSON.createObjectNode();
      results.put("benchmark", "port-up");
      results.put("finished_at", Instant.now().toString());
      results.put("git_commit", System.getenv().getOrDefault("TENET_BENCH_GIT_COMMIT", "unknown"));
      results.put("hypervisors", 3);
      results.put("ports_measured", portCount);
      results.put("order", "VM interface plugged first, then POST /v1/ports");
      results.put("measured", "POST /v1/ports sent -> the port's flows (by cookie) present on every datapath of its network");
      ObjectNode latency = results.putObject("port_up_ms");
      List<Double> sorted = latencies.stream().sorted().toList();
      latency.put("p50", percentile(sorted, 50));
      latency.put("p90", percentile(sorted, 90));
      latency.put("p99", percentile(sorted, 99));
      latency.put("max", sorted.get(sorted.size() - 1));
      latency.put("mean", Math.round(sorted.stream().mapToDouble(d -> d).average().orElse(0) * 10) / 10.0);
      results.set("flows_per_datapath", flowsPerDatapath);
      results.put("flows_note", "hv1 serves only the steady network (" + STEADY_PORTS + " ports); hv2 and hv3 serve the growing one");
      System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
      return results;
    } finally {
      pollers.shutdownNow();
    }
  }

  /** Plugs an interface with the port's id, creates the port, and returns ms until its flows are on every serving datapath. */
  static double portUp(BenchmarkApi api, String token, String networkId, Hypervisor host, String name, List<Hypervisor> serving,
      ExecutorService pollers) throws Exception {
    String portId = UUID.randomUUID().toString();
    host.vsctl("add-port", "br-int", name, "--", "set", "interface", name, "type=internal", "external_ids:iface-id=" + portId);
    String cookie = Cookie.of(Cookie.Owner.PORT, portId).hex() + "/-1";
    ObjectNode body = JSON.createObjectNode().put("id", portId).put("network_id", networkId).put("name", name);
    long start = System.nanoTime();
    BenchmarkApi.Answer created = api.post("/ports", token, body.toString());
    if (created.status() != 201) throw new IllegalStateException("POST /ports answered " + created.status() + ": " + created.body());
    List<CompletableFuture<Long>> seen = serving.stream()
        .map(hv -> CompletableFuture.supplyAsync(() -> awaitFlows(hv, cookie, start), pollers)).toList();
    long last = 0;
    for (CompletableFuture<Long> s : seen) last = Math.max(last, s.get());
    return Math.round((last - start) / 1e4) / 100.0;
  }

  /** Polls the hypervisor's br-int until a flow with the cookie is there; returns when it was first seen. */
  static long awaitFlows(Hypervisor hv, String cookie, long start) {
    long deadline = start + PORT_UP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (hv.ofctl("dump-flows", "br-int", "cookie=" + cookie).lines().anyMatch(l -> l.contains("cookie="))) return System.nanoTime();
    }
    throw new IllegalStateException("no flows with cookie " + cookie + " on " + hv.name() + " after " + PORT_UP_TIMEOUT.toSeconds() + " s");
  }

  static JsonNode flowCounts(OvsLab lab, int growingPorts) {
    ObjectNode row = JSON.createObjectNode().put("growing_network_ports", growingPorts);
    for (Hypervisor hv : lab.hypervisors()) row.put(hv.name(), hv.ofctl("dump-flows", "br-int").lines().filter(l -> l.contains("cookie=")).count());
    return row;
  }

  static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
