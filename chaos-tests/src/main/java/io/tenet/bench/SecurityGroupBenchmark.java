package io.tenet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.lab.Hypervisor;
import io.tenet.lab.OvsLab;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * What a security-group change costs when a remote group is large. Not a test: it measures and
 * writes {@code bench/results/<date>-security-groups.json} and {@code .md}.
 *
 * <p>One hypervisor hosts two VM ports in group web, whose ingress rules name the remote group
 * members (TCP 22, TCP 443, ICMP). members gets {@code --members} ports (1,000 by default) on the
 * same network, not plugged: a remote group's members are addresses wherever they run. Then, each
 * several times: a port joins members (POST /v1/ports), a port leaves it (PATCH its groups), and a
 * rule naming members is added to web. Each is timed from the API call until hv1's br-int shows
 * the change (ovs-ofctl polled), and the flow-mods the node sent for it are read from its
 * {@code tenet_openflow_flow_mods_sent_total}.
 */
public final class SecurityGroupBenchmark {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration APPLIED_TIMEOUT = Duration.ofSeconds(60);
  static final String FLOW_MODS = "tenet_openflow_flow_mods_sent_total";
  static final String ANY_OUT = "{\"direction\":\"egress\",\"ethertype\":\"IPv4\"}";

  private SecurityGroupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int members = 1000;
    int repeats = 10;
    Path outDir = Path.of("bench", "results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--members" -> members = Integer.parseInt(args[++i]);
        case "--repeats" -> repeats = Integer.parseInt(args[++i]);
        case "--out-dir" -> outDir = Path.of(args[++i]);
        case "--help" -> {
          System.out.println("bench security-groups [--members N (1000)] [--repeats K (10)] [--out-dir DIR (bench/results)]");
          return;
        }
        default -> {
          System.err.println("bench security-groups: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (members < 1 || members > 4000) {
      System.err.println("bench security-groups: --members must be 1..4000 (one /20)");
      System.exit(2);
    }
    ObjectNode results = run(members, repeats, StackFactory.OWN_CASSANDRA);
    List<Path> written = report(results).writeTo(outDir);
    System.out.println("bench security-groups: wrote " + written);
  }

  static ObjectNode run(int memberCount, int repeats, StackFactory stacks) throws Exception {
    ExecutorService creators = Executors.newFixedThreadPool(8);
    try (OvsLab lab = OvsLab.start(1); LocalStack stack = stacks.create(1).listenForSwitchesOn(lab.controllerAddress())) {
      BenchmarkApi api = new BenchmarkApi(stack.apiBase(), Duration.ofSeconds(30));
      stack.start(api);
      lab.connectTo(lab.controllerAddress(), stack.ovsdbPort());
      Hypervisor hv1 = lab.hypervisor(1);
      String token = api.createTenant(stack.adminToken(), "bench");
      String network = api.createNetwork(token, "big", "10.8.0.0/20");
      String members = group(api, token, "members", ANY_OUT);
      String others = group(api, token, "others", ANY_OUT);
      List<String> webRules = new ArrayList<>(List.of(ANY_OUT, fromMembers(members, "tcp", 22), fromMembers(members, "tcp", 443),
          "{\"direction\":\"ingress\",\"ethertype\":\"IPv4\",\"protocol\":\"icmp\",\"remote_group_id\":\"" + members + "\"}"));
      String web = group(api, token, "web", String.join(",", webRules));
      for (int i = 1; i <= 2; i++) {
        String portId = UUID.randomUUID().toString();
        hv1.vsctl("add-port", "br-int", "web" + i, "--", "set", "interface", "web" + i, "type=internal", "external_ids:iface-id=" + portId);
        createPort(api, token, portId, network, address(i), web);
      }

      long createStart = System.nanoTime();
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < memberCount; i++) {
        String ip = address(10 + i);
        creates.add(creators.submit(() -> createPort(api, token, UUID.randomUUID().toString(), network, ip, members)));
      }
      for (Future<?> create : creates) create.get();
      double createdMs = millisSince(createStart);
      String lastMember = address(10 + memberCount - 1);
      awaitFlows(hv1, "table=61", flows -> flows.stream().anyMatch(l -> l.contains("nw_src=" + lastMember + " ")), createStart);
      double allOnSwitchMs = millisSince(createStart);
      List<String> table61 = hv1.ofctl("dump-flows", "br-int", "table=61").lines().filter(l -> l.contains("cookie=")).toList();
      long totalFlows = hv1.ofctl("dump-flows", "br-int").lines().filter(l -> l.contains("cookie=")).count();

      ArrayNode joins = JSON.createArrayNode();
      ArrayNode leaves = JSON.createArrayNode();
      ArrayNode ruleAdds = JSON.createArrayNode();
      for (int r = 0; r < repeats; r++) {
        String ip = address(10 + memberCount + r);
        String portId = UUID.randomUUID().toString();
        joins.add(measure(stack, hv1, "table=61", flows -> flows.stream().anyMatch(l -> l.contains("nw_src=" + ip + " ")),
            () -> createPort(api, token, portId, network, ip, members)));
        leaves.add(measure(stack, hv1, "table=61", flows -> flows.stream().noneMatch(l -> l.contains("nw_src=" + ip + " ")),
            () -> patch(api, token, "/ports/" + portId, "{\"security_group_ids\":[\"" + others + "\"]}")));
        int tcpPort = 5000 + r;
        webRules.add(fromMembers(members, "tcp", tcpPort));
        String rules = String.join(",", webRules);
        ruleAdds.add(measure(stack, hv1, "table=61", flows -> flows.stream().anyMatch(l -> l.contains("tp_dst=" + tcpPort + " ")),
            () -> patch(api, token, "/security-groups/" + web, "{\"rules\":[" + rules + "]}")));
      }

      ObjectNode results = JSON.createObjectNode();
      results.put("benchmark", "security-groups");
      results.put("finished_at", Instant.now().toString());
      results.put("git_commit", System.getenv().getOrDefault("TENET_BENCH_GIT_COMMIT", "unknown"));
      results.put("remote_group_members", memberCount);
      results.put("local_ports_in_web", 2);
      results.put("rules_naming_the_remote_group_at_start", 3);
      results.put("measured", "API call -> the change visible in hv1's table 61 (ovs-ofctl polled); flow-mods: the node's counter, before -> after");
      results.put("members_created_ms", Math.round(createdMs));
      results.put("members_created_to_all_on_switch_ms", Math.round(allOnSwitchMs));
      ObjectNode flows = results.putObject("hv1_flows");
      flows.put("total", totalFlows);
      flows.put("ingress_rules_table", table61.size());
      flows.put("conjunction_clause_flows", table61.stream().filter(l -> l.contains("conjunction(")).count());
      flows.put("if_expanded_members_x_rules_x_ports", (long) memberCount * 3 * 2);
      results.set("member_joins", summarize(joins));
      results.set("member_leaves", summarize(leaves));
      results.set("rule_adds", summarize(ruleAdds));
      System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
      return results;
    } finally {
      creators.shutdownNow();
    }
  }

  private interface Change {
    void apply() throws Exception;
  }

  /** One change: ms from the API call until hv1 shows it, and the flow-mods the node sent meanwhile. */
  static ObjectNode measure(LocalStack stack, Hypervisor hv, String table, Predicate<List<String>> done, Change change) throws Exception {
    double before = MetricsScrape.of(stack.apiBase()).value(FLOW_MODS);
    long start = System.nanoTime();
    change.apply();
    double apiMs = millisSince(start);
    awaitFlows(hv, table, done, start);
    double visibleMs = millisSince(start);
    Thread.sleep(300); // a batch still on its way would be counted with the next change otherwise
    double after = MetricsScrape.of(stack.apiBase()).value(FLOW_MODS);
    return JSON.createObjectNode().put("api_ms", Math.round(apiMs * 10) / 10.0).put("on_switch_ms", Math.round(visibleMs * 10) / 10.0)
        .put("flow_mods", (long) (after - before));
  }

  static void awaitFlows(Hypervisor hv, String table, Predicate<List<String>> done, long start) {
    long deadline = start + APPLIED_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.test(hv.ofctl("dump-flows", "br-int", table).lines().toList())) return;
    }
    throw new IllegalStateException("the change never showed in " + table + " of " + hv.name() + " within " + APPLIED_TIMEOUT.toSeconds() + " s");
  }

  static ObjectNode summarize(ArrayNode samples) {
    ObjectNode summary = JSON.createObjectNode();
    for (String field : List.of("api_ms", "on_switch_ms", "flow_mods")) {
      List<Double> values = new ArrayList<>();
      samples.forEach(s -> values.add(s.path(field).asDouble()));
      values.sort(null);
      summary.putObject(field).put("median", values.get(values.size() / 2)).put("max", values.get(values.size() - 1));
    }
    summary.set("samples", samples);
    return summary;
  }

  /** The summary and, as bars, each change's API answer and its arrival in the switch's table, medians. */
  static SuiteReport report(ObjectNode results) {
    List<String> changes = List.of("member_joins", "member_leaves", "rule_adds");
    Map<String, List<Double>> series = new java.util.LinkedHashMap<>();
    series.put("API answer", changes.stream().map(change -> results.path(change).path("api_ms").path("median").asDouble()).toList());
    series.put("in the switch's table", changes.stream().map(change -> results.path(change).path("on_switch_ms").path("median").asDouble()).toList());
    String title = "A remote group of " + results.path("remote_group_members").asInt() + " members, medians";
    return new SuiteReport("security-groups", results, summary(results), new SuiteReport.Bars(title, "ms",
        List.of("a member joins", "a member leaves", "a rule added"), series));
  }

  static String summary(ObjectNode results) {
    StringBuilder md = new StringBuilder();
    md.append("# Security groups: the cost of a change with a large remote group\n\n");
    md.append("Commit ").append(results.path("git_commit").asText()).append(", ").append(results.path("finished_at").asText()).append(". ");
    md.append(results.path("remote_group_members").asInt()).append(" members in the remote group; 2 local ports in the group whose rules name it; ");
    md.append("one hypervisor, one node with its own Cassandra, on 2 cores.\n\n");
    md.append("| change | API answer (median ms) | visible on the switch (median / max ms) | flow-mods (median / max) |\n|---|---:|---:|---:|\n");
    for (String change : List.of("member_joins", "member_leaves", "rule_adds")) {
      var c = results.path(change);
      md.append("| ").append(change.replace('_', ' ')).append(" | ").append(c.path("api_ms").path("median").asDouble()).append(" | ")
          .append(c.path("on_switch_ms").path("median").asDouble()).append(" / ").append(c.path("on_switch_ms").path("max").asDouble()).append(" | ")
          .append(c.path("flow_mods").path("median").asLong()).append(" / ").append(c.path("flow_mods").path("max").asLong()).append(" |\n");
    }
    var flows = results.path("hv1_flows");
    md.append("\nhv1 holds ").append(flows.path("total").asLong()).append(" flows, ").append(flows.path("ingress_rules_table").asLong())
        .append(" of them in ingress_rules (").append(flows.path("conjunction_clause_flows").asLong()).append(" conjunction clauses); expanding the ")
        .append("remote group per member, rule and port would take ").append(flows.path("if_expanded_members_x_rules_x_ports").asLong()).append(".\n");
    md.append("Creating the members took ").append(results.path("members_created_ms").asLong()).append(" ms through the API, and ")
        .append(results.path("members_created_to_all_on_switch_ms").asLong()).append(" ms until the last was on the switch.\n");
    return md.toString();
  }

  private static String group(BenchmarkApi api, String token, String name, String rules) throws Exception {
    BenchmarkApi.Answer created = api.post("/security-groups", token, "{\"name\":\"" + name + "\",\"rules\":[" + rules + "]}");
    if (created.status() != 201) throw new IllegalStateException("POST /security-groups answered " + created.status() + ": " + created.body());
    return created.json().path("id").asText();
  }

  private static String fromMembers(String members, String protocol, int port) {
    return "{\"direction\":\"ingress\",\"ethertype\":\"IPv4\",\"protocol\":\"" + protocol + "\",\"port_range_min\":" + port + ",\"port_range_max\":" + port
        + ",\"remote_group_id\":\"" + members + "\"}";
  }

  private static Void createPort(BenchmarkApi api, String token, String portId, String network, String ip, String group) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("id", portId).put("network_id", network);
    body.putArray("fixed_ips").addObject().put("ip_address", ip);
    body.putArray("security_group_ids").add(group);
    BenchmarkApi.Answer created = api.post("/ports", token, body.toString());
    if (created.status() != 201) throw new IllegalStateException("POST /ports answered " + created.status() + ": " + created.body());
    return null;
  }

  private static void patch(BenchmarkApi api, String token, String path, String body) throws Exception {
    BenchmarkApi.Answer answer = api.patch(path, token, body);
    if (answer.status() != 200) throw new IllegalStateException("PATCH " + path + " answered " + answer.status() + ": " + answer.body());
  }

  /** The n-th address of 10.8.0.0/20 after the gateway (.1) and the DHCP server (.2) (n from 1), skipping each /24's .0 and .255. */
  static String address(int n) {
    int index = n + 2;
    return "10.8." + (index / 254) + "." + (index % 254 + 1);
  }

  private static double millisSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }
}
