package io.tenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.lab.Hypervisor;
import io.tenet.lab.OvsLab;
import io.tenet.lab.PingReply;
import io.tenet.lab.RunningPing;
import io.tenet.lab.Vm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Floating IP associate to the first packet from outside. Not a test: it measures and writes
 * {@code bench/results/<date>-floating-ip.json} and {@code .md}.
 *
 * <p>Two namespaced hypervisors and one node with its own Cassandra: hv1 hosts the VMs, hv2 is the
 * gateway hypervisor with a host "outside" (203.0.113.1) on its physical bridge. A router joins the
 * VMs' network and has its gateway on the flat external network; the VMs' security group lets ICMP
 * in. For each VM a floating IP is allocated unassociated; the outside host pings it every 10 ms
 * (its ARP retried every 10 ms too), the association is asked for, and the clock runs from that
 * call until the first echo reply reaches the outside host: API, router, the gateway's flows, ARP
 * for the floating IP, the VM's security group, and back.
 */
public final class FloatingIpBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration FIRST_PACKET_TIMEOUT = Duration.ofSeconds(30);
  static final String UPSTREAM = "203.0.113.1";

  private FloatingIpBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = 20;
    Path outDir = Path.of("bench", "results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--floating-ips" -> count = Integer.parseInt(args[++i]);
        case "--out-dir" -> outDir = Path.of(args[++i]);
        case "--help" -> {
          System.out.println("bench floating-ip [--floating-ips N (20)] [--out-dir DIR (bench/results)]");
          return;
        }
        default -> {
          System.err.println("bench floating-ip: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (count < 1 || count > 200) {
      System.err.println("bench floating-ip: --floating-ips must be 1..200");
      System.exit(2);
    }
    ObjectNode results = run(count, StackFactory.OWN_CASSANDRA);
    List<Path> written = report(results).writeTo(outDir);
    System.out.println("bench floating-ip: wrote " + written);
  }

  static ObjectNode run(int count, StackFactory stacks) throws Exception {
    try (OvsLab lab = OvsLab.start(2); LocalStack stack = stacks.create(1).listenForSwitchesOn(lab.controllerAddress())) {
      BenchmarkApi api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(30));
      stack.start(api);
      lab.connectTo(lab.controllerAddress(), stack.ovsdbPort());
      Hypervisor hv1 = lab.hypervisor(1);
      Hypervisor gateway = lab.hypervisor(2);
      Vm outside = gateway.plugPhysicalHost("outside", "02:00:00:0e:00:01", "br-ex", UPSTREAM + "/24");
      // the outside host asks for a floating IP's MAC every 10 ms rather than Linux's 1 s: the wait measured is Tenet's
      outside.exec("sysctl", "-q", "-w", "net.ipv4.neigh.eth0.retrans_time_ms=10");
      gateway.vsctl("set", "Open_vSwitch", ".", "external_ids:tenet-bridge-mappings=physnet1:br-ex", "external_ids:tenet-gateway=true");
      awaitLinked(api, stack.adminToken(), gateway.name());

      String token = api.createTenant(stack.adminToken(), "bench");
      String operator = api.createTenant(stack.adminToken(), "operator").split("\\.")[1];
      String network = api.createNetwork(token, "vms", "10.0.0.0/24");
      String open = created(api.post("/security-groups", token,
          "{\"name\":\"open\",\"rules\":[{\"direction\":\"egress\"},{\"direction\":\"ingress\",\"protocol\":\"icmp\",\"remote_ip_prefix\":\"0.0.0.0/0\"}]}"));
      String external = created(api.post("/networks", stack.adminToken(), """
          {"name":"public","tenant_id":"%s","external":true,"provider":{"type":"flat","physical_network":"physnet1"},
           "subnets":[{"cidr":"203.0.113.0/24","gateway_ip":"%s","dhcp_enabled":false}]}""".formatted(operator, UPSTREAM)));
      String router = created(api.post("/routers", token, "{\"name\":\"edge\"}"));
      check(api.post("/routers/" + router + "/interfaces", token, "{\"network_id\":\"" + network + "\"}"), 201);
      check(api.patch("/routers/" + router, token, "{\"external_gateway\":{\"network_id\":\"" + external + "\"}}"), 200);

      List<String> ports = new ArrayList<>();
      List<Vm> vms = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        JsonNode port = api.post("/ports", token, "{\"network_id\":\"" + network + "\",\"name\":\"v" + i + "\",\"security_group_ids\":[\"" + open + "\"]}").json();
        ports.add(port.path("id").asText());
        Vm vm = hv1.plugVm("v" + i, port.path("mac_address").asText(), port.path("id").asText(), port.at("/fixed_ips/0/ip_address").asText() + "/24");
        vm.setGateway("10.0.0.1");
        vms.add(vm);
      }
      awaitConverged(api, stack.adminToken(), 2);
      // the gateway learns the outside host's MAC from its first answer: done once here, not in every sample
      if (vms.get(0).ping(UPSTREAM, 3, 0.2, 5).received() == 0) throw new IllegalStateException("v0 never reached the outside host");

      ArrayNode samples = JSON.createArrayNode();
      for (int i = 0; i < count; i++) {
        JsonNode floating = api.post("/floating-ips", token, "{\"floating_network_id\":\"" + external + "\"}").json();
        String address = floating.path("floating_ip_address").asText();
        try (RunningPing ping = outside.startPing(address, 10)) {
          Thread.sleep(50); // pinging a floating IP nobody answers for yet
          Instant asked = Instant.now();
          check(api.patch("/floating-ips/" + floating.path("id").asText(), token, "{\"port_id\":\"" + ports.get(i) + "\"}"), 200);
          Instant answered = Instant.now();
          PingReply first = awaitFirstReply(ping);
          ObjectNode sample = samples.addObject();
          sample.put("floating_ip", address);
          sample.put("api_ms", Duration.between(asked, answered).toMillis());
          sample.put("first_packet_ms", Duration.between(asked, first.receivedAt()).toMillis());
        }
      }
      ObjectNode results = JSON.createObjectNode();
      results.put("benchmark", "floating-ip");
      String commit = System.getenv("TENET_BENCH_GIT_COMMIT");
      if (commit != null && !commit.isBlank()) results.put("git_commit", commit.trim());
      results.put("finished_at", Instant.now().toString());
      results.put("floating_ips", count);
      results.put("ping_interval_ms", 10);
      results.put("outside_arp_retransmit_ms", 10);
      results.set("api_ms", percentiles(samples, "api_ms"));
      results.set("first_packet_ms", percentiles(samples, "first_packet_ms"));
      results.set("samples", samples);
      return results;
    }
  }

  private static PingReply awaitFirstReply(RunningPing ping) throws InterruptedException {
    long deadline = System.nanoTime() + FIRST_PACKET_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<PingReply> replies = ping.progress().replies();
      if (!replies.isEmpty()) return replies.get(0);
      Thread.sleep(5);
    }
    throw new IllegalStateException("no reply from " + ping.target() + " within " + FIRST_PACKET_TIMEOUT.toSeconds() + " s");
  }

  static ObjectNode percentiles(ArrayNode samples, String field) {
    List<Long> values = new ArrayList<>();
    samples.forEach(sample -> values.add(sample.path(field).asLong()));
    values.sort(null);
    ObjectNode summary = JSON.createObjectNode();
    summary.put("p50", values.get((values.size() - 1) / 2));
    summary.put("p99", values.get((int) Math.ceil(values.size() * 0.99) - 1));
    summary.put("max", values.get(values.size() - 1));
    return summary;
  }

  /** The summary and, as bars, the API's answer and the first packet from outside, by percentile. */
  static SuiteReport report(ObjectNode results) {
    Map<String, List<Double>> series = new java.util.LinkedHashMap<>();
    for (String measure : List.of("api_ms", "first_packet_ms")) {
      JsonNode figures = results.path(measure);
      series.put(measure.equals("api_ms") ? "API answer" : "first packet from outside",
          List.of(figures.path("p50").asDouble(), figures.path("p99").asDouble(), figures.path("max").asDouble()));
    }
    String title = results.path("floating_ips").asInt() + " floating IPs associated";
    return new SuiteReport("floating-ip", results, summary(results), new SuiteReport.Bars(title, "ms", List.of("p50", "p99", "max"), series));
  }

  static String summary(ObjectNode results) {
    return "# Floating IP associate to the first packet from outside\n\n"
        + "Commit " + results.path("git_commit").asText("(unknown)") + ", " + results.path("finished_at").asText() + ". "
        + results.path("floating_ips").asInt() + " floating IPs, each associated with its own VM on hv1 while the outside host on hv2's "
        + "physical network pings it every 10 ms; two namespaced hypervisors, one node with its own Cassandra, on 2 cores.\n\n"
        + "| | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|\n"
        + row("API answer (PATCH port_id)", results.path("api_ms"))
        + row("first echo reply at the outside host", results.path("first_packet_ms"));
  }

  private static String row(String what, JsonNode values) {
    return "| " + what + " | " + values.path("p50").asLong() + " | " + values.path("p99").asLong() + " | " + values.path("max").asLong() + " |\n";
  }

  private static void awaitLinked(BenchmarkApi api, String adminToken, String hostname) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode datapath : api.get("/datapaths", adminToken).json().path("datapaths")) {
        if (hostname.equals(datapath.path("hostname").asText()) && datapath.path("gateway").asBoolean()
            && datapath.path("physical_networks").toString().contains("physnet1")) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(hostname + " never reported physnet1");
  }

  private static void awaitConverged(BenchmarkApi api, String adminToken, int datapaths) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode all = api.get("/datapaths", adminToken).json().path("datapaths");
      boolean converged = all.size() == datapaths;
      for (JsonNode datapath : all) converged &= datapath.path("converged").asBoolean();
      if (converged) return;
      Thread.sleep(100);
    }
    throw new IllegalStateException("the datapaths never converged");
  }

  private static String created(BenchmarkApi.Answer answer) throws java.io.IOException {
    check(answer, 201);
    return answer.json().path("id").asText();
  }

  private static void check(BenchmarkApi.Answer answer, int status) {
    if (answer.status() != status) throw new IllegalStateException("answered " + answer.status() + " instead of " + status + ": " + answer.body());
  }
}
