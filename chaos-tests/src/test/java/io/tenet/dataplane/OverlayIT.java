package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenet.bench.LocalStack;
import io.tenet.lab.Await;
import io.tenet.lab.Hypervisor;
import io.tenet.lab.OvsLab;
import io.tenet.lab.PacketCapture;
import io.tenet.lab.PingReply;
import io.tenet.lab.PingResult;
import io.tenet.lab.RunningPing;
import io.tenet.lab.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The data plane end to end: three hypervisors (namespaces, each its own userspace Open vSwitch)
 * handed to one controller node exactly as an operator would (external_ids + set-manager); VMs
 * plugged the way Nova does it. Two tenants use 10.0.0.0/24 with the same addresses.
 *
 * <pre>
 *   hv1: a1 (tenant A)  b1 (tenant B)      hv2: a2, b2, b3      hv3: a3, later a4 (DHCP)
 * </pre>
 *
 * The tests run in order on one lab and one controller; measurements go to
 * {@code chaos-tests/results/dataplane.json}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverlayIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path RESULTS = Path.of("results", "dataplane.json");
  static final Map<String, Object> measured = new LinkedHashMap<>();

  static TwoTenantLab world;
  static OvsLab lab;
  static LocalStack stack;

  @BeforeAll
  static void startLabAndController() throws Exception {
    world = TwoTenantLab.start(3);
    lab = world.lab;
    stack = world.stack;
    try {
      // same addresses in both tenants: the first ports of each network get .3, .4, ...
      world.createPort("a1", null, true);
      world.createPort("a2", null, true);
      world.createPort("a3", null, true);
      world.createPort("b1", null, true);
      world.createPort("b2", null, true);
      world.createPort("b3", "10.0.0.50", true);
      world.plug(1, "a1");
      world.plug(2, "a2");
      world.plug(3, "a3");
      world.plug(1, "b1");
      world.plug(2, "b2");
      world.plug(2, "b3");
      world.awaitConverged(3);
    } catch (Exception | Error failed) {
      stopAll();
      throw failed;
    }
  }

  @AfterAll
  static void stopAll() throws Exception {
    try {
      if (!measured.isEmpty()) {
        Files.createDirectories(RESULTS.getParent());
        Files.writeString(RESULTS, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(measured) + "\n");
      }
    } finally {
      if (world != null) world.close();
    }
  }

  @Test
  @Order(1)
  void vmsOfOneNetworkReachEachOtherAcrossAllHypervisors() {
    assertEquals("10.0.0.3", world.ip("a1"));
    assertEquals(world.ip("a1"), world.ip("b1"), "both tenants use the same addresses");
    for (String from : List.of("a1", "a2", "a3")) {
      for (String to : List.of("a1", "a2", "a3")) {
        if (from.equals(to)) continue;
        PingResult ping = world.vms().get(from).ping(world.ip(to), 3, 0.2, 10);
        assertTrue(ping.received() >= 2, from + " -> " + to + ": " + ping.output());
      }
    }
    PingResult b = world.vms().get("b1").ping(world.ip("b2"), 3, 0.2, 10);
    assertTrue(b.received() >= 2, "b1 -> b2: " + b.output());
    // a2 and b2 share 10.0.0.4: each tenant's VM resolved it to its own peer
    assertTrue(world.vms().get("a1").exec("ip", "neigh", "show", world.ip("a2")).contains(world.vms().get("a2").mac()), "a1 resolved " + world.ip("a2") + " to someone else");
    assertTrue(world.vms().get("b1").exec("ip", "neigh", "show", world.ip("b2")).contains(world.vms().get("b2").mac()), "b1 resolved " + world.ip("b2") + " to someone else");
  }

  /** A's a1 cannot reach B's b3 (10.0.0.50), and nothing of B's traffic reaches hv3, which hosts no port of B. */
  @Test
  @Order(2)
  void tenantsWithTheSameAddressesStayApart() {
    try (PacketCapture hv3Underlay = lab.hypervisor(3).captureUnderlay("udp port 4789")) {
      PingResult across = world.vms().get("a1").ping(world.ip("b3"), 3, 0.2, 4);
      assertEquals(0, across.received(), "a1 reached tenant B's 10.0.0.50: " + across.output());
      world.vms().get("b1").exec("ip", "neigh", "flush", "all");
      PingResult inside = world.vms().get("b1").ping(world.ip("b2"), 5, 0.2, 10);
      assertTrue(inside.received() >= 4, inside.output().toString());
      List<String> seen = hv3Underlay.stop();
      long vniB = vniOf(world.networkB(), world.tokenB());
      assertTrue(seen.stream().noneMatch(l -> l.contains("vni " + vniB)), "hv3 saw tenant B's VNI " + vniB + ": " + seen);
    }
  }

  /** ARP requests for addresses the controller knows are answered on the local hypervisor: none crosses a tunnel. */
  @Test
  @Order(3)
  void arpIsAnsweredLocally() {
    try (PacketCapture hv1Underlay = lab.hypervisor(1).captureUnderlay("udp port 4789")) {
      world.vms().get("a1").exec("ip", "neigh", "flush", "all");
      PingResult ping = world.vms().get("a1").ping(world.ip("a2"), 3, 0.2, 10);
      assertTrue(ping.received() >= 2, ping.output().toString());
      List<String> seen = hv1Underlay.stop();
      assertTrue(seen.stream().anyMatch(l -> l.contains("ICMP echo request")), "the pings themselves cross the tunnel: " + seen);
      assertTrue(seen.stream().noneMatch(l -> l.contains("ARP")), "an ARP crossed the tunnel: " + seen);
    }
  }

  /** A real DHCP client (busybox udhcpc) in a VM gets the port's address, mask, gateway, DNS, MTU and routes. */
  @Test
  @Order(4)
  void aRealDhcpClientGetsTheLease() throws Exception {
    world.createPort("a4", null, true);
    Vm a4 = world.plugWithoutAddress(3, "a4");
    world.awaitConverged(3);
    Path script = lab.directory().resolve("udhcpc-script.sh");
    Path envFile = lab.directory().resolve("udhcpc-a4.env");
    Files.writeString(script, "#!/bin/sh\n[ \"$1\" = bound ] && env > " + envFile + "\nexit 0\n");
    script.toFile().setExecutable(true);
    long start = System.nanoTime();
    String out = a4.exec("busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-f", "-t", "5", "-T", "1", "-s", script.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    measured.put("dhcp_lease_seconds", Math.round(seconds * 1000) / 1000.0);
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(envFile)) {
      int eq = line.indexOf('=');
      if (eq > 0) env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    assertEquals(world.ip("a4"), env.get("ip"), out);
    assertEquals("24", env.get("mask"));
    assertEquals("10.0.0.1", env.get("router"));
    assertEquals("10.0.0.53", env.get("dns").trim());
    assertEquals("1450", env.get("mtu"));
    assertTrue(env.getOrDefault("staticroutes", "").contains("192.168.50.0/24 10.0.0.1"), env.toString());
    assertTrue(seconds < 2.0, "lease took " + seconds + " s: " + out);
  }

  /** A VM that sends with a MAC or IP it does not own is cut off; restoring them restores connectivity. */
  @Test
  @Order(5)
  void spoofingCutsTheVmOff() {
    Vm a1 = world.vms().get("a1");
    String mac = a1.mac();
    a1.setMac("fa:16:3e:66:66:66");
    a1.exec("ip", "neigh", "flush", "all");
    assertEquals(0, a1.ping(world.ip("a2"), 3, 0.2, 3).received(), "a forged MAC still got through");
    a1.setMac(mac);
    assertTrue(a1.ping(world.ip("a2"), 3, 0.2, 10).received() >= 2, "the own MAC again must work");
    a1.setIp("10.0.0.99/24");
    a1.exec("ip", "neigh", "flush", "all");
    assertEquals(0, a1.ping(world.ip("a2"), 3, 0.2, 3).received(), "a forged IP still got through");
    a1.setIp(world.ip("a1") + "/24");
    assertTrue(a1.ping(world.ip("a2"), 3, 0.2, 10).received() >= 2, "the own IP again must work");
  }

  /** a3 leaves hv3 and appears on hv2 with the same iface-id; a1 keeps pinging it; no API call is made. */
  @Test
  @Order(6)
  void migrationNeedsNoApiCall() throws Exception {
    Vm a3 = world.vms().get("a3");
    try (RunningPing ping = world.vms().get("a1").startPing(world.ip("a3"), 50)) {
      Await.until(Duration.ofSeconds(10), () -> ping.progress().received() >= 5, "a1 does not reach a3 before the move");
      lab.hypervisor(3).unplug(a3);
      // from here on nothing reaches a3 through hv3 (taken before the unplug, echoes still answered
      // through hv3 during the unplug itself counted as "via hv2")
      Instant unplugged = Instant.now();
      lab.hypervisor(2).replug(a3);
      a3.announce();
      Await.until(TwoTenantLab.CONVERGE, () -> repliesSentAfter(ping.progress(), unplugged) >= 3, "a3 never answered again from hv2");
      PingResult result = ping.stop();
      // the first echo that left a1 after the unplug and came back: it can only have been answered via hv2
      Instant firstAfter = result.replies().stream().filter(r -> sentAt(r).isAfter(unplugged)).map(PingReply::receivedAt).findFirst().orElseThrow();
      long gapMillis = Duration.between(unplugged, firstAfter).toMillis();
      measured.put("migration_gap_ms", gapMillis);
      System.out.println("migration: unplug on hv3 to first reply via hv2: " + gapMillis + " ms");
    }
    JsonNode moved = world.get("/ports/" + world.port("a3").path("id").asText(), world.tokenA());
    assertEquals(lab.hypervisor(2).name(), moved.path("binding").path("hostname").asText(), moved.toString());
  }

  /** kill -9 of the controller while VMs ping: OVS keeps forwarding, and after the restart the tables are what they were. */
  @Test
  @Order(7)
  void aControllerCrashLosesNoPingAndFlushesNothing() throws Exception {
    world.awaitConverged(3);
    Map<Integer, List<String>> before = flowTables();
    try (RunningPing ping = world.vms().get("a1").startPing(world.ip("a2"), 100)) {
      Await.until(Duration.ofSeconds(10), () -> ping.progress().received() >= 5, "a1 does not reach a2");
      long killedAt = System.nanoTime();
      stack.killNode();
      Thread.sleep(3000);
      stack.restartNode(world.api);
      world.awaitConverged(3);
      measured.put("controller_restart_to_converged_s", Math.round((System.nanoTime() - killedAt) / 1e6) / 1000.0);
      Thread.sleep(1000);
      PingResult result = ping.stop();
      assertTrue(result.noneLost(), "pings lost while the controller was down: " + result.lostSeqs());
      measured.put("pings_during_controller_restart", result.transmitted());
      measured.put("pings_lost_during_controller_restart", result.lostSeqs().size());
    }
    assertEquals(before, flowTables(), "the flow tables changed across the controller restart");
  }

  /** ovs-vswitchd of hv2 crashes and starts again with empty tables: the controller restores them, identical, within seconds. */
  @Test
  @Order(8)
  void aRestartedOvsGetsItsFlowsBackFromTheController() throws Exception {
    world.awaitConverged(3);
    Hypervisor hv2 = lab.hypervisor(2);
    List<String> before = flowTables().get(2);
    hv2.killVswitchd();
    long restartedAt = System.nanoTime();
    hv2.startVswitchd();
    Await.until(TwoTenantLab.CONVERGE, () -> world.vms().get("a1").ping(world.ip("a2"), 1, 0.2, 1).received() == 1, "a1 never reached a2 again after hv2's OVS restart");
    double restoredSeconds = (System.nanoTime() - restartedAt) / 1e9;
    world.awaitConverged(3);
    measured.put("ovs_restart_to_first_ping_s", Math.round(restoredSeconds * 1000) / 1000.0);
    assertEquals(before, flowTables().get(2), "hv2's tables after the restart differ from before");
  }

  @Test
  @Order(9)
  void datapathsShowWhatTheyServe() throws Exception {
    JsonNode datapaths = world.get("/datapaths", stack.adminToken()).path("datapaths");
    assertEquals(3, datapaths.size(), datapaths.toString());
    Map<String, Integer> flows = new LinkedHashMap<>();
    for (JsonNode dp : datapaths) {
      assertEquals("master", dp.path("role").asText(), dp.toString());
      assertTrue(dp.path("openflow_connected").asBoolean() && dp.path("ovsdb_connected").asBoolean(), dp.toString());
      flows.put(dp.path("hostname").asText(), dp.path("flow_count").asInt());
    }
    measured.put("flows_per_datapath", flows);
    JsonNode one = world.get("/datapaths/" + datapaths.get(0).path("datapath_id").asText(), stack.adminToken());
    assertEquals(datapaths.get(0).path("encap_ip").asText(), one.path("encap_ip").asText());
    assertEquals(404, world.api.get("/datapaths", world.tokenA()).status(), "tenants do not see hypervisors");

    // the node's metrics agree: it masters all three, and (after the OVS restart above) it has sent flows
    String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(stack.apiBase().resolve("/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertEquals(3.0, metric(metrics, "tenet_openflow_connections{role=\"master\"}"), metrics);
    assertEquals(3.0, metric(metrics, "tenet_ovsdb_connections"), metrics);
    assertEquals(3.0, metric(metrics, "tenet_entities{entity_type=\"datapath\"}"), metrics);
    assertTrue(metric(metrics, "tenet_openflow_flow_mods_sent_total") > 0 && metric(metrics, "tenet_openflow_barriers_sent_total") > 0, metrics);
    assertTrue(metric(metrics, "tenet_datapath_reconcile_duration_seconds_count{outcome=\"ok\"}") > 0, metrics);
  }

  /** The value of one series in a /metrics text; MetricsIT (cluster-node) checks the format itself. */
  static double metric(String text, String series) {
    return text.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1))).findFirst()
        .orElseThrow(() -> new AssertionError("no series " + series));
  }

  // ---------------------------------------------------------------------------------------------

  static long vniOf(String networkId, String token) {
    try {
      return world.get("/networks/" + networkId, token).path("vni").asLong();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Instant sentAt(PingReply reply) {
    return reply.receivedAt().minusNanos((long) (reply.rttMillis() * 1e6));
  }

  static int repliesSentAfter(PingResult result, Instant t) {
    return (int) result.replies().stream().filter(r -> sentAt(r).isAfter(t)).count();
  }

  /** Each hypervisor's br-int flows and groups without counters and ages, sorted. */
  static Map<Integer, List<String>> flowTables() {
    Map<Integer, List<String>> tables = new LinkedHashMap<>();
    for (Hypervisor hv : lab.hypervisors()) {
      List<String> lines = new ArrayList<>();
      hv.ofctl("dump-flows", "br-int").lines().filter(l -> l.contains("cookie="))
          .map(l -> l.replaceAll(" ?(duration|n_packets|n_bytes|idle_age|hard_age)=[^,]*,", "").trim()).forEach(lines::add);
      hv.ofctl("dump-groups", "br-int").lines().filter(l -> l.contains("group_id=")).map(String::trim).forEach(lines::add);
      lines.sort(null);
      tables.put(hv.number(), lines);
    }
    return tables;
  }
}
