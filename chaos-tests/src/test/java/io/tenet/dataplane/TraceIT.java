package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.bench.BenchmarkApi;
import io.tenet.cli.TenetCli;
import io.tenet.lab.Hypervisor;
import io.tenet.switches.ovsdb.HypervisorSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code GET /v1/trace} against Open vSwitch's own {@code ofproto/trace} on the same flows: two
 * hypervisors, two tenants with the same 10.0.0.0/24, one node. Every case is traced by Tenet and
 * by the hypervisor's vswitchd with the packet Tenet reports; the outputs (ports, tunnel
 * destination and VNI, controller, or nothing) must agree, on both sides of the tunnel.
 *
 * <pre>
 *   hv1: a1, a3 (port security off), b1      hv2: a2, b2, b3 (10.0.0.50)      a9: created, never plugged
 * </pre>
 *
 * The compared cases go to {@code chaos-tests/results/trace.json}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TraceIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path RESULTS = Path.of("results", "trace.json");

  static TwoTenantLab world;
  static final ArrayNode compared = JSON.createArrayNode();

  @BeforeAll
  static void startLabAndController() throws Exception {
    world = TwoTenantLab.start(2);
    try {
      world.createPort("a1", null, true);
      world.createPort("a2", null, true);
      world.createPort("a3", null, false);
      world.createPort("b1", null, true);
      world.createPort("b2", null, true);
      world.createPort("b3", "10.0.0.50", true);
      world.createPort("a9", null, true);
      world.plug(1, "a1");
      world.plug(2, "a2");
      world.plug(1, "a3");
      world.plug(1, "b1");
      world.plug(2, "b2");
      world.plug(2, "b3");
      world.awaitConverged(2);
    } catch (Exception | Error failed) {
      stopAll();
      throw failed;
    }
  }

  @AfterAll
  static void stopAll() throws Exception {
    try {
      if (!compared.isEmpty()) {
        Files.createDirectories(RESULTS.getParent());
        ObjectNode root = JSON.createObjectNode().put("test", "TraceIT").put("hypervisors", 2);
        root.set("cases", compared);
        Files.writeString(RESULTS, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
      }
    } finally {
      if (world != null) world.close();
    }
  }

  @Test
  @Order(1)
  void tenetAndOvsAgreeOnEveryCase() throws Exception {
    check("same-host L2 delivery a1 -> a3", world.tokenA(), "a1", world.id("a3"), "", "delivered");
    check("cross-host a1 -> a2 through the tunnel", world.tokenA(), "a1", world.id("a2"), "", "tunnel");
    check("tcp dport 80 a1 -> 10.0.0.4", world.tokenA(), "a1", world.ip("a2"), "&proto=tcp&dport=80", "tunnel");
    check("ARP request a1 for 10.0.0.4: answered by hv1", world.tokenA(), "a1", world.ip("a2"), "&proto=arp", "delivered");
    check("DHCP discover a1 to the controller", world.tokenA(), "a1", "255.255.255.255", "&proto=udp&sport=68&dport=67", "controller");
    check("broadcast a1 -> 10.0.0.255", world.tokenA(), "a1", "10.0.0.255", "&proto=udp&dport=9999", "flooded");
    check("spoofed source MAC from a1", world.tokenA(), "a1", world.ip("a2"), "&src_mac=fa:16:3e:66:66:66", "dropped");
    check("spoofed source IP from a1", world.tokenA(), "a1", world.ip("a2"), "&src_ip=10.0.0.99", "dropped");
    check("a1 -> b2 (tenant B's 10.0.0.4): never reaches tenant B", world.stack.adminToken(), "a1", world.id("b2"), "", "dropped");
    check("a1 -> 10.0.0.50 (only tenant B has it): ARP flooded in A only", world.tokenA(), "a1", world.ip("b3"), "", "flooded");
    check("unknown destination MAC from a1", world.tokenA(), "a1", world.ip("a2"), "&dst_mac=fa:16:3e:99:99:99", "dropped");
    // port security off lets a3's foreign source out; a1's default group admits only its members' addresses
    check("port security off: a3 with a foreign source IP -> a1, refused by a1's security group", world.tokenA(), "a3", world.ip("a1"), "&src_ip=10.0.0.99",
        "dropped");
    check("tcp a2 -> a1 dport 22: a2 is a member of a1's default group", world.tokenA(), "a2", world.ip("a1"), "&proto=tcp&dport=22", "tunnel");
    check("tenant B b1 -> b2 through the tunnel with B's VNI", world.tokenB(), "b1", world.id("b2"), "&proto=udp&dport=53", "tunnel");
    assertTrue(compared.size() >= 10, "at least ten compared cases");
  }

  @Test
  @Order(2)
  void tenantsTraceOnlyTheirOwnPortsAndBadRequestsChangeNothing() throws Exception {
    expect(404, "not_found", world.api.get("/trace?from=" + world.id("b1") + "&to=10.0.0.4", world.tokenA()));
    expect(409, "port_not_bound", world.api.get("/trace?from=" + world.id("a9") + "&to=10.0.0.4", world.tokenA()));
    expect(400, "missing_parameter", world.api.get("/trace?from=" + world.id("a1"), world.tokenA()));
    expect(400, "invalid_protocol", world.api.get("/trace?from=" + world.id("a1") + "&to=10.0.0.4&proto=sctp", world.tokenA()));
    expect(400, "invalid_port_number", world.api.get("/trace?from=" + world.id("a1") + "&to=10.0.0.4&proto=tcp&dport=70000", world.tokenA()));
    expect(400, "ports_need_tcp_or_udp", world.api.get("/trace?from=" + world.id("a1") + "&to=10.0.0.4&dport=80", world.tokenA()));
    expect(400, "invalid_mac", world.api.get("/trace?from=" + world.id("a1") + "&to=10.0.0.4&src_mac=nope", world.tokenA()));
    expect(400, "unknown_parameter", world.api.get("/trace?from=" + world.id("a1") + "&to=10.0.0.4&port=80", world.tokenA()));
    expect(404, "not_found", world.api.get("/trace?from=" + world.id("a1") + "&to=" + world.id("b2"), world.tokenA()));
  }

  @Test
  @Order(3)
  void theCliPrintsTableByTableThenTheVerdict() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = TenetCli.commandLine(Map.of(), Files.createTempDirectory("tenet-cli"), new PrintWriter(out, true), new PrintWriter(err, true))
        .execute("--url", world.stack.apiBase().toString(), "--token", world.tokenA(), "trace", "--from", "a1", "--to", "a2", "--proto", "tcp", "--dport", "80");
    assertEquals(0, exit, err.toString());
    String text = out.toString();
    System.out.println(text);
    for (String table : List.of("classify", "port_sec", "arp_dhcp", "l2_lookup", "output")) assertTrue(text.contains(table), table + " missing:\n" + text);
    assertTrue(text.contains("=> tunnel: sent into the tunnel: encap IP " + world.lab.hypervisor(2).encapIp()), text);
    assertTrue(text.contains("=> delivered: delivered to port " + world.id("a2")), text);
    assertTrue(text.lines().reduce((a, b) -> b).orElse("").startsWith("verdict: "), text);
    StringWriter json = new StringWriter();
    assertEquals(0, TenetCli.commandLine(Map.of(), Files.createTempDirectory("tenet-cli"), new PrintWriter(json, true), new PrintWriter(err, true))
        .execute("--url", world.stack.apiBase().toString(), "--token", world.tokenA(), "-o", "json", "trace", "--from", "a1", "--to", "a3"), err.toString());
    assertEquals("delivered", JSON.readTree(json.toString()).at("/hops/0/verdict/kind").asText(), json.toString());
  }

  @Test
  @Order(4)
  void theCliListsAndShowsTheDatapathsTheTraceCrosses() throws Exception {
    String admin = world.stack.adminToken();
    StringWriter list = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, TenetCli.commandLine(Map.of(), Files.createTempDirectory("tenet-cli"), new PrintWriter(list, true), new PrintWriter(err, true))
        .execute("--url", world.stack.apiBase().toString(), "--token", admin, "datapath", "list"), err.toString());
    for (Hypervisor hv : world.lab.hypervisors()) {
      assertTrue(list.toString().lines().anyMatch(l -> l.contains(hv.name()) && l.contains(hv.encapIp()) && l.contains("master") && l.contains("true")), list.toString());
    }
    String datapathId = world.get("/ports/" + world.id("a1"), admin).at("/binding/datapath_id").asText();
    StringWriter shown = new StringWriter();
    assertEquals(0, TenetCli.commandLine(Map.of(), Files.createTempDirectory("tenet-cli"), new PrintWriter(shown, true), new PrintWriter(err, true))
        .execute("--url", world.stack.apiBase().toString(), "--token", admin, "-o", "json", "datapath", "show", datapathId), err.toString());
    JsonNode datapath = JSON.readTree(shown.toString());
    assertEquals(world.lab.hypervisor(1).name(), datapath.path("hostname").asText(), shown.toString());
    assertTrue(List.of("in_sync", "applied").contains(datapath.path("last_reconcile_result").asText()), "a converged datapath's last reconcile: " + shown);
    assertFalse(datapath.path("last_reconcile_at").isNull(), shown.toString());
  }

  /** Traces one case with Tenet and with vswitchd on every hypervisor the packet crosses, and compares. */
  static void check(String name, String token, String from, String to, String extra, String expectedKind) throws Exception {
    long started = System.nanoTime();
    BenchmarkApi.Answer answer = world.api.get("/trace?from=" + world.id(from) + "&to=" + to + extra, token);
    double millis = (System.nanoTime() - started) / 1e6;
    assertEquals(200, answer.status(), name + ": " + answer.body());
    JsonNode report = answer.json();
    JsonNode hops = report.path("hops");
    assertEquals(expectedKind, hops.path(0).at("/verdict/kind").asText(), name + ": " + report.toPrettyString());
    ObjectNode entry = compared.addObject().put("case", name).put("summary", report.path("summary").asText())
        .put("api_millis", Math.round(millis * 10) / 10.0);
    ArrayNode hopResults = entry.putArray("hops");
    for (int i = 0; i < hops.size(); i++) {
      JsonNode hop = hops.get(i);
      Hypervisor hypervisor = world.lab.hypervisors().stream().filter(h -> h.encapIp().equals(hop.path("encap_ip").asText())).findFirst().orElseThrow();
      String ovsTrace = hypervisor.appctl("ofproto/trace", "br-int", hop.path("flow").asText());
      List<String> ovs = OfprotoTrace.outputs(ovsTrace, tunnelOfport(hypervisor));
      List<String> tenet = tenetOutputs(hop.path("verdict").path("outputs"));
      hopResults.addObject().put("hypervisor", hypervisor.name()).put("flow", hop.path("flow").asText())
          .put("tenet_verdict", hop.at("/verdict/kind").asText() + " " + tenet).put("tenet_reason", hop.at("/verdict/reason").asText())
          .put("ovs_verdict", OfprotoTrace.kind(ovs) + " " + ovs).put("ovs_datapath_actions", OfprotoTrace.datapathActions(ovsTrace))
          .put("agree", tenet.equals(ovs));
      if (ovs.isEmpty()) assertTrue(OfprotoTrace.outputsNothing(ovsTrace), name + ": OVS must really drop it:\n" + ovsTrace);
      assertEquals(tenet, ovs, name + " on " + hypervisor.name() + ": Tenet and ofproto/trace differ\nTenet: " + hop.toPrettyString() + "\nOVS:\n" + ovsTrace);
      if (i == 0 && tenet.stream().anyMatch(o -> o.startsWith("tunnel"))) {
        assertTrue(hops.size() > 1, name + ": a tunnelled copy must be followed to its hypervisor");
      }
    }
    if (name.contains("tenant B's") || name.contains("only tenant B")) {
      // whatever the pipeline does, no copy reaches a port of tenant B
      for (String b : List.of("b1", "b2", "b3")) {
        String bOfport = Integer.toString(world.vms().get(b).hypervisor().ofport(world.vms().get(b).portName()));
        for (JsonNode hop : hops) {
          boolean sameHost = hop.path("encap_ip").asText().equals(world.vms().get(b).hypervisor().encapIp());
          assertFalse(sameHost && tenetOutputs(hop.at("/verdict/outputs")).contains("port:" + bOfport), name + " reached " + b);
        }
      }
    }
  }

  static List<String> tenetOutputs(JsonNode outputs) {
    List<String> result = new ArrayList<>();
    for (JsonNode output : outputs) {
      switch (output.path("kind").asText()) {
        case "port" -> result.add("port:" + output.path("ofport").asLong());
        case "tunnel" -> result.add("tunnel:" + output.path("tunnel_dst").asText() + ":" + Long.decode(output.path("tun_id").asText()));
        default -> result.add("controller");
      }
    }
    result.sort(null);
    return result;
  }

  /** The OpenFlow port of the tunnel Tenet created on the hypervisor. */
  static int tunnelOfport(Hypervisor hypervisor) {
    return hypervisor.ofport(HypervisorSetup.TUNNEL);
  }

  static void expect(int status, String code, BenchmarkApi.Answer answer) throws Exception {
    assertEquals(status, answer.status(), answer.body());
    assertEquals(code, answer.json().at("/error/code").asText(), answer.body());
  }
}
