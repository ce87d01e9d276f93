package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.bench.BenchmarkApi;
import io.tenet.lab.Await;
import io.tenet.lab.Hypervisor;
import io.tenet.lab.PacketCapture;
import io.tenet.lab.PingResult;
import io.tenet.lab.Vm;
import io.tenet.switches.ovsdb.PeerTunnels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A router's external gateway through real Open vSwitch, source NAT on a flat external network.
 *
 * <pre>
 *   hv1: a1 (net-a 10.0.0.3, default route 10.0.0.1)
 *   hv2: gateway hypervisor, br-ex (physnet1) with the host "outside" (203.0.113.1, the external subnet's gateway)
 *   external network "public" 203.0.113.0/24, flat on physnet1; router edge: net-a, external gateway on public
 * </pre>
 *
 * The outside host has no route to 10.0.0.0/24: whatever it answers went to the router's external address.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeGatewayIT {
  static final Duration LINKED = Duration.ofSeconds(30);
  static final String UPSTREAM = "203.0.113.1";
  static final String UPSTREAM_MAC = "02:00:00:0e:00:01";
  static final Path RESULTS = Path.of("results", "edge-gateway.json");

  static TwoTenantLab world;
  static Vm outside;
  static Vm a1;
  static String router;
  static String externalIp;
  static String externalNetwork;
  static String operator;
  static String floatingIpId;
  static String floatingIp;

  @BeforeAll
  static void startLabWithAGatewayHypervisor() throws Exception {
    world = TwoTenantLab.start(2);
    try {
      Hypervisor gateway = world.lab.hypervisor(2);
      outside = gateway.plugPhysicalHost("outside", UPSTREAM_MAC, "br-ex", UPSTREAM + "/24");
      gateway.vsctl("set", "Open_vSwitch", ".", "external_ids:tenet-bridge-mappings=physnet1:br-ex", "external_ids:tenet-gateway=true");
      Await.until(LINKED, () -> linkedToPhysnet1(gateway.name()), gateway.name() + " never reported physnet1; node log:\n" + world.stack.nodeLogTail());

      world.createPort("a1", "10.0.0.3", true);
      a1 = world.plug(1, "a1");
      a1.setGateway("10.0.0.1");
      // the operator's own tenant owns the external networks; tenants' routers and floating IPs take addresses on them
      operator = world.api.createTenant(world.stack.adminToken(), "operator").split("\\.")[1];
      BenchmarkApi.Answer external = world.api.post("/networks", world.stack.adminToken(), """
          {"name":"public","tenant_id":"%s","external":true,"provider":{"type":"flat","physical_network":"physnet1"},
           "subnets":[{"cidr":"203.0.113.0/24","gateway_ip":"%s","dhcp_enabled":false}]}""".formatted(operator, UPSTREAM));
      assertEquals(201, external.status(), external.body());
      externalNetwork = external.json().path("id").asText();
      router = world.createRouter(world.tokenA(), "edge", world.networkA());
      BenchmarkApi.Answer set = world.api.patch("/routers/" + router, world.tokenA(),
          "{\"external_gateway\":{\"network_id\":\"" + external.json().path("id").asText() + "\"}}");
      assertEquals(200, set.status(), set.body());
      JsonNode gatewayView = set.json().path("external_gateway");
      externalIp = gatewayView.path("ip_address").asText();
      assertTrue(externalIp.startsWith("203.0.113."), set.body());
      assertEquals(gateway.name(), gatewayView.path("hosts").get(0).path("hostname").asText(), set.body());
      BenchmarkApi.Answer deletePort = world.api.delete("/ports/" + gatewayView.path("port_id").asText(), world.tokenA());
      assertEquals(409, deletePort.status(), "the gateway's port belongs to the router: " + deletePort.body());
      world.awaitConverged(2);
    } catch (Exception | Error failed) {
      world.close();
      throw failed;
    }
  }

  @AfterAll
  static void stop() {
    if (world != null) world.close();
  }

  private static boolean linkedToPhysnet1(String hostname) {
    try {
      for (JsonNode datapath : world.get("/datapaths", world.stack.adminToken()).path("datapaths")) {
        if (!hostname.equals(datapath.path("hostname").asText())) continue;
        boolean linked = datapath.path("gateway").asBoolean() && datapath.path("physical_networks").toString().contains("physnet1");
        if (linked) return true;
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** a1 pings the outside host; the host sees the router's external address, never a1's. */
  @Test
  @Order(1)
  void aVmWithoutAFloatingIpReachesTheOutsideThroughSourceNat() throws Exception {
    // the first packet makes the gateway ask for the host's MAC (it is dropped meanwhile)
    Await.until(LINKED, () -> a1.ping(UPSTREAM, 1, 0.2, 2).received() == 1, "a1 never reached " + UPSTREAM + "; node log:\n" + world.stack.nodeLogTail());
    try (PacketCapture seen = outside.capture("icmp")) {
      PingResult ping = a1.ping(UPSTREAM, 5, 0.2, 10);
      assertTrue(ping.received() >= 4, ping.output().toString());
      List<String> lines = seen.stop();
      assertTrue(lines.stream().anyMatch(line -> line.contains(externalIp + " > " + UPSTREAM + ": ICMP echo request")), String.join("\n", lines));
      assertTrue(lines.stream().noneMatch(line -> line.contains("10.0.0.3")), String.join("\n", lines));
    }
  }

  /** TCP too: a connection a1 opens to a server outside carries data both ways. */
  @Test
  @Order(2)
  void aTcpConnectionFromInsideWorksThroughSourceNat() throws Exception {
    outside.serveTcpEcho(7000);
    Await.until(LINKED, () -> "through the gateway".equals(a1.tcpExchange(UPSTREAM, 7000, "through the gateway", 3)), "no TCP echo from outside");
  }

  /** Nobody outside can open a connection to the router's address: source NAT only lets replies in. */
  @Test
  @Order(3)
  void nothingFromOutsideGetsInWithoutAConnectionFromInside() {
    PingResult ping = outside.ping(externalIp, 3, 0.2, 4);
    assertEquals(0, ping.received(), ping.output().toString());
  }

  /**
   * A floating IP for a1: the outside host reaches a1 through it once a1's security groups allow
   * it (they still apply), with ping and TCP, and what a1 sends leaves with the floating IP.
   */
  @Test
  @Order(4)
  void theOutsideReachesAVmThroughItsFloatingIpWhereItsSecurityGroupsAllow() throws Exception {
    a1.serveTcpEcho(8000);
    BenchmarkApi.Answer created = world.api.post("/floating-ips", world.tokenA(),
        "{\"floating_network_id\":\"" + externalNetwork + "\",\"port_id\":\"" + world.id("a1") + "\"}");
    assertEquals(201, created.status(), created.body());
    floatingIpId = created.json().path("id").asText();
    floatingIp = created.json().path("floating_ip_address").asText();
    assertEquals(List.of(router, "10.0.0.3"), List.of(created.json().path("router_id").asText(), created.json().path("fixed_ip_address").asText()), created.body());
    world.awaitConverged(2);
    // the tenant's default group lets in only its own members: nothing from outside
    PingResult blocked = outside.ping(floatingIp, 3, 0.2, 4);
    assertEquals(0, blocked.received(), "the security group still applies: " + blocked.output());

    BenchmarkApi.Answer open = world.api.post("/security-groups", world.tokenA(), """
        {"name":"open","rules":[{"direction":"ingress","protocol":"icmp","remote_ip_prefix":"0.0.0.0/0"},
          {"direction":"ingress","protocol":"tcp","port_range_min":8000,"port_range_max":8000,"remote_ip_prefix":"0.0.0.0/0"}]}""");
    assertEquals(201, open.status(), open.body());
    String defaultGroup = world.port("a1").path("security_group_ids").get(0).asText();
    BenchmarkApi.Answer regrouped = world.api.patch("/ports/" + world.id("a1") + "?wait=realized&timeout=10s", world.tokenA(),
        "{\"security_group_ids\":[\"" + defaultGroup + "\",\"" + open.json().path("id").asText() + "\"]}");
    assertEquals(200, regrouped.status(), regrouped.body());
    Await.until(LINKED, () -> outside.ping(floatingIp, 1, 0.2, 2).received() == 1, "the outside never reached a1 at " + floatingIp);
    PingResult ping = outside.ping(floatingIp, 5, 0.2, 10);
    assertTrue(ping.received() >= 4, ping.output().toString());
    assertEquals("in through the floating IP", outside.tcpExchange(floatingIp, 8000, "in through the floating IP", 5));
    assertTrue(outside.tcpExchange(floatingIp, 8001, "not allowed", 2).isEmpty(), "a port no rule opens stays closed");

    try (PacketCapture seen = outside.capture("icmp")) {
      assertTrue(a1.ping(UPSTREAM, 3, 0.2, 5).received() >= 2);
      List<String> lines = seen.stop();
      assertTrue(lines.stream().anyMatch(line -> line.contains(floatingIp + " > " + UPSTREAM + ": ICMP echo request")), String.join("\n", lines));
    }
  }

  /** Dissociated, the floating IP reaches nothing; released, its port is gone. */
  @Test
  @Order(5)
  void aDissociatedFloatingIpReachesNothingAndAReleasedOneIsGone() throws Exception {
    BenchmarkApi.Answer dissociated = world.api.patch("/floating-ips/" + floatingIpId, world.tokenA(), "{}");
    assertEquals(200, dissociated.status(), dissociated.body());
    assertTrue(dissociated.json().path("port_id").isNull(), dissociated.body());
    world.awaitConverged(2);
    Await.until(LINKED, () -> outside.ping(floatingIp, 2, 0.2, 2).received() == 0, "the outside still reaches " + floatingIp);
    assertEquals(204, world.api.delete("/floating-ips/" + floatingIpId, world.tokenA()).status());
    assertTrue(world.get("/ports", world.stack.adminToken()).toString().indexOf("network:floatingip") < 0, "the floating IP's port is gone");
  }

  /**
   * Tenant B, with the same addresses as A, leaves through its own router's gateway on VLAN 100 of
   * the same physical network: the host on that VLAN answers b1 and sees B's router's address, the
   * untagged network's host sees none of it, and a floating IP on the VLAN works as on the flat one.
   */
  @Test
  @Order(6)
  void anotherTenantLeavesThroughAVlanOfTheSamePhysicalNetwork() throws Exception {
    Vm vlanHost = world.lab.hypervisor(2).plugPhysicalHost("outside100", "02:00:00:0e:01:00", "br-ex", 100, "198.51.100.1/24");
    BenchmarkApi.Answer vlanNetwork = world.api.post("/networks", world.stack.adminToken(), """
        {"name":"public-vlan","tenant_id":"%s","external":true,"provider":{"type":"vlan","physical_network":"physnet1","segmentation_id":100},
         "subnets":[{"cidr":"198.51.100.0/24","gateway_ip":"198.51.100.1","dhcp_enabled":false}]}""".formatted(operator));
    assertEquals(201, vlanNetwork.status(), vlanNetwork.body());
    world.createPort("b1", "10.0.0.3", true);
    Vm b1 = world.plug(1, "b1");
    b1.setGateway("10.0.0.1");
    String routerB = world.createRouter(world.tokenB(), "edge-b", world.networkB());
    BenchmarkApi.Answer set = world.api.patch("/routers/" + routerB, world.tokenB(),
        "{\"external_gateway\":{\"network_id\":\"" + vlanNetwork.json().path("id").asText() + "\"}}");
    assertEquals(200, set.status(), set.body());
    String externalB = set.json().path("external_gateway").path("ip_address").asText();
    world.awaitConverged(2);

    Await.until(LINKED, () -> b1.ping("198.51.100.1", 1, 0.2, 2).received() == 1, "b1 never reached the host on VLAN 100");
    try (PacketCapture onVlan = vlanHost.capture("icmp"); PacketCapture untagged = outside.capture("icmp")) {
      PingResult ping = b1.ping("198.51.100.1", 5, 0.2, 10);
      assertTrue(ping.received() >= 4, ping.output().toString());
      List<String> seen = onVlan.stop();
      assertTrue(seen.stream().anyMatch(line -> line.contains(externalB + " > 198.51.100.1: ICMP echo request")), String.join("\n", seen));
      List<String> elsewhere = untagged.stop();
      assertTrue(elsewhere.stream().noneMatch(line -> line.contains("198.51.100.")), "VLAN 100 leaked onto the untagged segment: " + elsewhere);
    }

    // and the host on VLAN 100 reaches b1 by a floating IP there, once b1's groups let it in
    String openB = world.api.post("/security-groups", world.tokenB(), "{\"name\":\"open\",\"rules\":[{\"direction\":\"ingress\",\"protocol\":\"icmp\"}]}")
        .json().path("id").asText();
    String defaultB = world.port("b1").path("security_group_ids").get(0).asText();
    assertEquals(200, world.api.patch("/ports/" + world.id("b1") + "?wait=realized&timeout=10s", world.tokenB(),
        "{\"security_group_ids\":[\"" + defaultB + "\",\"" + openB + "\"]}").status());
    BenchmarkApi.Answer floating = world.api.post("/floating-ips", world.tokenB(),
        "{\"floating_network_id\":\"" + vlanNetwork.json().path("id").asText() + "\",\"port_id\":\"" + world.id("b1") + "\"}");
    assertEquals(201, floating.status(), floating.body());
    String floatingB = floating.json().path("floating_ip_address").asText();
    Await.until(LINKED, () -> vlanHost.ping(floatingB, 1, 0.2, 2).received() == 1, "the host on VLAN 100 never reached b1 at " + floatingB);
    assertEquals(204, world.api.delete("/floating-ips/" + floating.json().path("id").asText(), world.tokenB()).status());
    assertEquals(200, world.api.patch("/routers/" + routerB, world.tokenB(), "{\"external_gateway\":{}}").status());
  }

  /** Deleting a port (as Nova does with a VM) lets its floating IP go instead of refusing. */
  @Test
  @Order(7)
  void deletingAPortDissociatesItsFloatingIp() throws Exception {
    world.createPort("a9", "10.0.0.9", true);
    BenchmarkApi.Answer created = world.api.post("/floating-ips", world.tokenA(),
        "{\"floating_network_id\":\"" + externalNetwork + "\",\"port_id\":\"" + world.id("a9") + "\"}");
    assertEquals(201, created.status(), created.body());
    assertEquals(204, world.api.delete("/ports/" + world.id("a9"), world.tokenA()).status());
    JsonNode after = world.get("/floating-ips/" + created.json().path("id").asText(), world.tokenA());
    assertTrue(after.path("port_id").isNull(), after.toString());
    assertEquals(0, world.get("/routers/" + router, world.tokenA()).path("floating_ips").size(), "the router translates it no more");
    assertEquals(204, world.api.delete("/floating-ips/" + created.json().path("id").asText(), world.tokenA()).status());
  }

  /**
   * The sender's hypervisor and the gateway's keep a BFD tunnel to each other: when the gateway's
   * vswitchd is killed, the sender's OVS knows within a second (measured, written to
   * results/edge-gateway.json), and the API shows it; BFD comes up again with vswitchd.
   */
  @Test
  @Order(8)
  void bfdTellsTheSenderWithinASecondWhenTheGatewaysSwitchDies() throws Exception {
    Hypervisor sender = world.lab.hypervisor(1);
    Hypervisor gateway = world.lab.hypervisor(2);
    Await.until(LINKED, () -> "up".equals(peerState(sender.name(), gateway.encapIp())) && "up".equals(peerState(gateway.name(), sender.encapIp())),
        "BFD between " + sender.name() + " and " + gateway.name() + " never came up; node log:\n" + world.stack.nodeLogTail());
    String tunnel = PeerTunnels.name(gateway.encapIp());
    long killed = System.nanoTime();
    gateway.killVswitchd();
    long deadline = killed + Duration.ofSeconds(5).toNanos();
    while (!"down".equals(bfdState(sender, tunnel)) && System.nanoTime() < deadline) Thread.sleep(5);
    long detectedMs = (System.nanoTime() - killed) / 1_000_000;
    assertEquals("down", bfdState(sender, tunnel), "the sender's OVS never saw the gateway's switch die");
    Await.until(LINKED, () -> "down".equals(peerState(sender.name(), gateway.encapIp())), "the API never showed the gateway's tunnel down");
    long reportedMs = (System.nanoTime() - killed) / 1_000_000;
    Files.createDirectories(RESULTS.getParent());
    Files.writeString(RESULTS, "{\"bfd_interval_ms\": 100, \"killed_to_bfd_down_on_sender_ms\": " + detectedMs
        + ", \"killed_to_api_shows_down_ms\": " + reportedMs + "}\n");
    assertTrue(detectedMs < 1000, "BFD took " + detectedMs + " ms");
    gateway.startVswitchd();
    Await.until(LINKED, () -> "up".equals(peerState(sender.name(), gateway.encapIp())), "BFD did not come up again with the gateway's switch");
  }

  private static String bfdState(Hypervisor hypervisor, String tunnel) {
    try {
      return hypervisor.vsctl("get", "Interface", tunnel, "bfd_status:state").strip();
    } catch (RuntimeException notYet) {
      return "";
    }
  }

  /** What the API says of the BFD tunnel from one hypervisor to another's endpoint. */
  private static String peerState(String hostname, String peerEncapIp) {
    try {
      for (JsonNode datapath : world.get("/datapaths", world.stack.adminToken()).path("datapaths")) {
        if (hostname.equals(datapath.path("hostname").asText())) return datapath.path("peer_tunnels").path(peerEncapIp).asText();
      }
      return "";
    } catch (Exception e) {
      return "";
    }
  }

  /** Removing the gateway cuts the way out and takes its port away. */
  @Test
  @Order(9)
  void removingTheGatewayCutsTheWayOut() throws Exception {
    BenchmarkApi.Answer removed = world.api.patch("/routers/" + router, world.tokenA(), "{\"external_gateway\":{}}");
    assertEquals(200, removed.status(), removed.body());
    assertTrue(removed.json().path("external_gateway").isNull() || removed.json().path("external_gateway").isMissingNode(), removed.body());
    assertTrue(world.get("/ports", world.stack.adminToken()).toString().indexOf("network:router_gateway") < 0, "the gateway's port is gone");
    Await.until(LINKED, () -> a1.ping(UPSTREAM, 2, 0.2, 2).received() == 0, "a1 still reaches " + UPSTREAM + " without a gateway");
  }
}
