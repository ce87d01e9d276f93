package io.tenet.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenet.bench.BenchmarkApi;
import io.tenet.lab.Await;
import io.tenet.lab.Hypervisor;
import io.tenet.lab.PacketCapture;
import io.tenet.lab.PhysicalNetwork;
import io.tenet.lab.PingReply;
import io.tenet.lab.PingResult;
import io.tenet.lab.RunningPing;
import io.tenet.lab.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 *   hv2, hv3: gateway hypervisors, br-ex (physnet1) uplinked to the physical network, a learning
 *             switch outside both with the host "outside" (203.0.113.1, the external subnet's gateway)
 *   external network "public" 203.0.113.0/24, flat on physnet1; router edge: net-a, external gateway
 *             on public, hosted by hv2 (active) and hv3
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
  static PhysicalNetwork physnet1;
  static Vm outside;
  static Vm a1;
  static String router;
  static String externalIp;
  static String externalNetwork;
  static String operator;
  static String floatingIpId;
  static String floatingIp;
  static String haFloatingIp;
  static String haFloatingIpId;
  static final String VLAN_HOST_MAC = "02:00:00:0e:02:00";
  static Vm vlanHost;
  static String l2GatewayId;
  /** What the failover tests measured, written to RESULTS. */
  static final Map<String, Object> measured = new java.util.LinkedHashMap<>();

  @BeforeAll
  static void startLabWithTwoGatewayHypervisors() throws Exception {
    world = TwoTenantLab.start(3);
    try {
      physnet1 = world.lab.physicalNetwork();
      outside = physnet1.plugHost("outside", UPSTREAM_MAC, UPSTREAM + "/24");
      for (int number = 2; number <= 3; number++) {
        Hypervisor gateway = world.lab.hypervisor(number);
        physnet1.uplink(gateway, "br-ex");
        gateway.vsctl("set", "Open_vSwitch", ".", "external_ids:tenet-bridge-mappings=physnet1:br-ex", "external_ids:tenet-gateway=true");
        Await.until(LINKED, () -> linkedToPhysnet1(gateway.name()), gateway.name() + " never reported physnet1; node log:\n" + world.stack.nodeLogTail());
      }
      Hypervisor gateway = world.lab.hypervisor(2);

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
      assertEquals(List.of(gateway.name(), world.lab.hypervisor(3).name()),
          List.of(gatewayView.path("hosts").get(0).path("hostname").asText(), gatewayView.path("hosts").get(1).path("hostname").asText()), set.body());
      BenchmarkApi.Answer deletePort = world.api.delete("/ports/" + gatewayView.path("port_id").asText(), world.tokenA());
      assertEquals(409, deletePort.status(), "the gateway's port belongs to the router: " + deletePort.body());
      world.awaitConverged(3);
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

  /** Nobody outside can open a connection through the router's address (source NAT only lets replies in); the router itself answers ping there. */
  @Test
  @Order(3)
  void nothingFromOutsideGetsInWithoutAConnectionFromInside() throws Exception {
    a1.serveTcpEcho(8000);
    try (PacketCapture atA1 = a1.capture("tcp port 8000")) {
      assertEquals("", outside.tcpExchange(externalIp, 8000, "knock", 2), "a connection from outside reached a1 through the router's address");
      assertEquals(List.of(), atA1.stop());
    }
    // the router itself answers ping to its external address, as a router does
    PingResult ping = outside.ping(externalIp, 3, 0.2, 4);
    assertTrue(ping.received() >= 2, ping.output().toString());
  }

  /**
   * A floating IP for a1: the outside host reaches a1 through it once a1's security groups allow
   * it (they still apply), with ping and TCP, and what a1 sends leaves with the floating IP.
   */
  @Test
  @Order(4)
  void theOutsideReachesAVmThroughItsFloatingIpWhereItsSecurityGroupsAllow() throws Exception {
    BenchmarkApi.Answer created = world.api.post("/floating-ips", world.tokenA(),
        "{\"floating_network_id\":\"" + externalNetwork + "\",\"port_id\":\"" + world.id("a1") + "\"}");
    assertEquals(201, created.status(), created.body());
    floatingIpId = created.json().path("id").asText();
    floatingIp = created.json().path("floating_ip_address").asText();
    assertEquals(List.of(router, "10.0.0.3"), List.of(created.json().path("router_id").asText(), created.json().path("fixed_ip_address").asText()), created.body());
    world.awaitConverged(3);
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
    world.awaitConverged(3);
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
    world.awaitConverged(3);

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
   * Gateway failover, with pings every 10 ms from the outside to a floating IP of a1 and from a1 to
   * the outside: hv2's vswitchd is killed. hv3's OVS takes the gateway over by itself when BFD loses
   * hv2 (its gate and the sender's exit group are fast-failover groups), the node records hv3 as
   * the router's active host, and hv3 announces the addresses on the physical network. The longest
   * silence of each stream is written to results/edge-gateway.json. Then hv2 comes back and stays
   * standby: no failback, and not one frame from the gateway's MAC on its uplink, so there is no
   * moment with two active gateways; the pings go on through hv3.
   */
  @Test
  @Order(8)
  void whenTheActiveGatewaysSwitchDiesTheStandbyTakesOverAndKeepsItWhenItReturns() throws Exception {
    Hypervisor sender = world.lab.hypervisor(1);
    Hypervisor active = world.lab.hypervisor(2);
    Hypervisor standby = world.lab.hypervisor(3);
    String gatewayMac = world.get("/routers/" + router, world.tokenA()).path("external_gateway").path("mac_address").asText();
    BenchmarkApi.Answer created = world.api.post("/floating-ips", world.tokenA(),
        "{\"floating_network_id\":\"" + externalNetwork + "\",\"port_id\":\"" + world.id("a1") + "\"}");
    assertEquals(201, created.status(), created.body());
    haFloatingIp = created.json().path("floating_ip_address").asText();
    haFloatingIpId = created.json().path("id").asText();
    Await.until(LINKED, () -> "up".equals(peerState(sender.name(), active.encapIp())) && "up".equals(peerState(sender.name(), standby.encapIp()))
        && "up".equals(peerState(standby.name(), active.encapIp())), "BFD between the hypervisors never came up; node log:\n" + world.stack.nodeLogTail());
    Await.until(LINKED, () -> standby.ofctl("dump-groups", "br-int").contains("resubmit(,30)"), "hv3's gate was never armed");
    Await.until(LINKED, () -> outside.ping(haFloatingIp, 1, 0.2, 2).received() == 1,
        () -> "the outside never reached a1 at " + haFloatingIp + "\n" + tables(sender) + tables(active) + tables(standby));

    RunningPing in = outside.startPing(haFloatingIp, 10);
    RunningPing out = a1.startPing(UPSTREAM, 10);
    try (PacketCapture standbySilent = physnet1.captureFrom(standby, "ether src " + gatewayMac)) {
      Thread.sleep(1000);
      assertEquals(List.of(), standbySilent.stop(), "the standby put frames from the gateway's MAC on the physical network");
    }
    long killed = System.nanoTime();
    active.killVswitchd();
    String standbyDatapath = datapathIdOf(standby.name());
    Await.until(LINKED, () -> standbyDatapath.equals(activeGatewayHost()),
        "the router never recorded hv3 as active; node log:\n" + world.stack.nodeLogTail());
    long recordedMs = (System.nanoTime() - killed) / 1_000_000;
    Thread.sleep(2000);
    PingResult inbound = in.stop();
    PingResult outbound = out.stop();
    assertResumed(inbound, killed, "nothing from outside reached a1 after the kill");
    assertResumed(outbound, killed, "a1 reached nothing outside after the kill");
    long inboundGapMs = longestSilenceMs(inbound);
    long outboundGapMs = longestSilenceMs(outbound);

    // hv2 returns: it must stay standby, silent on the physical network, from its first moment on
    RunningPing inAfter = outside.startPing(haFloatingIp, 10);
    List<String> fromReturned;
    try (PacketCapture returned = physnet1.captureFrom(active, "ether src " + gatewayMac)) {
      active.startVswitchd();
      Await.until(LINKED, () -> "up".equals(peerState(standby.name(), active.encapIp())), "BFD to the returned hv2 never came up");
      Thread.sleep(5000); // past the returned host's settling (3 s): its gate is armed by now
      assertTrue(active.ofctl("dump-groups", "br-int").contains("resubmit(,30)"), "the returned hv2 is a standby again, armed");
      fromReturned = returned.stop();
    }
    PingResult afterReturn = inAfter.stop();
    assertEquals(List.of(), fromReturned, "the returned hv2 answered for the gateway while hv3 was active");
    assertEquals(standbyDatapath, activeGatewayHost(), "no failback: hv3 stays active");
    assertTrue(afterReturn.received() > 0, afterReturn.output().toString());

    measured.put("bfd_interval_ms", 100);
    measured.put("ping_interval_ms", 10);
    measured.put("outside_to_floating_ip_longest_gap_ms", inboundGapMs);
    measured.put("vm_to_outside_longest_gap_ms", outboundGapMs);
    measured.put("outside_to_floating_ip_lost", inbound.lostSeqs().size());
    measured.put("vm_to_outside_lost", outbound.lostSeqs().size());
    measured.put("killed_to_router_records_new_active_ms", recordedMs);
    measured.put("after_the_old_host_returned", Map.of("lost", afterReturn.lostSeqs().size(), "frames_from_gateway_mac_on_its_uplink", fromReturned.size(),
        "failback", false));
    writeResults();
  }

  /**
   * The switches fail a gateway over by themselves: with the only controller node killed, the
   * active host's (hv3's) vswitchd is killed too, and traffic goes on through hv2. No gratuitous
   * ARP is sent without a controller; the physical switch learns the gateway's MAC on hv2's uplink
   * from what the VM sends out. Once the node is back, hv2's datapath tells the router, which
   * records hv2 as active.
   */
  @Test
  @Order(9)
  void theSwitchesFailAGatewayOverWhileNoControllerRuns() throws Exception {
    Hypervisor returned = world.lab.hypervisor(2);
    Hypervisor active = world.lab.hypervisor(3);
    RunningPing in = outside.startPing(haFloatingIp, 10);
    RunningPing out = a1.startPing(UPSTREAM, 10);
    Thread.sleep(500);
    world.stack.killNode();
    long killed = System.nanoTime();
    active.killVswitchd();
    Thread.sleep(3000);
    PingResult inbound = in.stop();
    PingResult outbound = out.stop();
    assertResumed(outbound, killed, "a1 reached nothing outside without a controller");
    assertResumed(inbound, killed, "nothing from outside reached a1 without a controller");
    measured.put("without_controller", Map.of("outside_to_floating_ip_longest_gap_ms", longestSilenceMs(inbound),
        "vm_to_outside_longest_gap_ms", longestSilenceMs(outbound), "outside_to_floating_ip_lost", inbound.lostSeqs().size(),
        "vm_to_outside_lost", outbound.lostSeqs().size()));
    writeResults();

    world.stack.restartNode(world.api);
    String returnedDatapath = datapathIdOf(returned.name());
    Await.until(LINKED, () -> returnedDatapath.equals(activeGatewayHost()), "the router never recorded hv2 as active after the node returned; node log:\n"
        + world.stack.nodeLogTail());
    Await.until(LINKED, () -> outside.ping(haFloatingIp, 1, 0.2, 2).received() == 1, "the floating IP stopped answering once the node returned");
    active.startVswitchd();
    BenchmarkApi.Answer released = world.api.delete("/floating-ips/" + haFloatingIpId, world.tokenA());
    assertEquals(204, released.status(), released.body());
  }

  /**
   * An administrator names the gateway's hosts and their priorities: the one with the highest
   * becomes active at once (the way to move a gateway back after a failover), and traffic follows.
   * A tenant may not, and a hypervisor that cannot host the gateway is refused; neither changes anything.
   */
  @Test
  @Order(10)
  void anAdministratorSetsTheHostsPrioritiesAndTheHighestBecomesActive() throws Exception {
    Hypervisor hv2 = world.lab.hypervisor(2);
    Hypervisor hv3 = world.lab.hypervisor(3);
    Await.until(LINKED, () -> "up".equals(peerState(hv2.name(), hv3.encapIp())), "BFD to hv3 never came up again");
    String before = world.get("/routers/" + router, world.tokenA()).path("external_gateway").toString();
    String hosts = "[{\"hostname\":\"%s\",\"priority\":100},{\"hostname\":\"%s\",\"priority\":200}]".formatted(hv2.name(), hv3.name());
    String body = "{\"external_gateway\":{\"network_id\":\"" + externalNetwork + "\",\"hosts\":" + hosts + "}}";
    BenchmarkApi.Answer byTenant = world.api.patch("/routers/" + router, world.tokenA(), body);
    assertEquals(403, byTenant.status(), byTenant.body());
    assertEquals("admin_only", byTenant.json().path("error").path("code").asText(), byTenant.body());
    BenchmarkApi.Answer unknown = world.api.patch("/routers/" + router, world.stack.adminToken(),
        "{\"external_gateway\":{\"network_id\":\"" + externalNetwork + "\",\"hosts\":[{\"hostname\":\"nowhere\",\"priority\":9}]}}");
    assertEquals(409, unknown.status(), unknown.body());
    assertEquals("no_gateway_host", unknown.json().path("error").path("code").asText(), unknown.body());
    assertEquals(before, world.get("/routers/" + router, world.tokenA()).path("external_gateway").toString(), "refused: nothing changed");

    BenchmarkApi.Answer set = world.api.patch("/routers/" + router, world.stack.adminToken(), body);
    assertEquals(200, set.status(), set.body());
    JsonNode gateway = set.json().path("external_gateway");
    assertEquals(List.of(hv3.name(), hv2.name()), List.of(gateway.path("hosts").get(0).path("hostname").asText(), gateway.path("hosts").get(1).path("hostname").asText()));
    assertEquals(datapathIdOf(hv3.name()), gateway.path("active_datapath_id").asText(), set.body());
    world.awaitConverged(3);
    try (PacketCapture onHv3 = physnet1.captureFrom(hv3, "icmp")) {
      Await.until(LINKED, () -> a1.ping(UPSTREAM, 2, 0.2, 2).received() >= 1, "a1 no longer reaches the outside after the hosts were set");
      assertTrue(onHv3.stop().stream().anyMatch(line -> line.contains("ICMP echo request")), "a1's pings do not leave through hv3");
    }
  }

  private static void writeResults() throws IOException {
    Files.createDirectories(RESULTS.getParent());
    Files.writeString(RESULTS, TwoTenantLab.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(measured) + "\n");
  }

  /** A hypervisor's groups and flows, for a failure message. */
  private static String tables(Hypervisor hypervisor) {
    return "--- " + hypervisor.name() + "\n" + hypervisor.ofctl("dump-groups", "br-int") + hypervisor.ofctl("dump-flows", "br-int") + "\n";
  }

  /** A reply arrived well after the kill at {@code killedNanos}: the stream resumed. */
  private static void assertResumed(PingResult ping, long killedNanos, String failure) {
    Instant killedAt = Instant.now().minusNanos(System.nanoTime() - killedNanos);
    assertTrue(ping.replies().stream().anyMatch(reply -> reply.receivedAt().isAfter(killedAt.plusMillis(100))), failure + ": " + ping.lostRuns());
  }

  /** The longest time between two consecutive replies (the traffic's gap). */
  private static long longestSilenceMs(PingResult ping) {
    List<Instant> at = ping.replies().stream().map(PingReply::receivedAt).sorted().toList();
    long longest = 0;
    for (int i = 1; i < at.size(); i++) longest = Math.max(longest, Duration.between(at.get(i - 1), at.get(i)).toMillis());
    return longest;
  }

  /** The router's active gateway host as the API shows it ("" before any takeover, or if the API did not answer). */
  private static String activeGatewayHost() {
    try {
      return world.get("/routers/" + router, world.tokenA()).path("external_gateway").path("active_datapath_id").asText();
    } catch (Exception e) {
      return "";
    }
  }

  private static String datapathIdOf(String hostname) throws Exception {
    for (JsonNode datapath : world.get("/datapaths", world.stack.adminToken()).path("datapaths")) {
      if (hostname.equals(datapath.path("hostname").asText())) return datapath.path("datapath_id").asText();
    }
    throw new AssertionError("no datapath " + hostname);
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
  @Order(11)
  void removingTheGatewayCutsTheWayOut() throws Exception {
    BenchmarkApi.Answer removed = world.api.patch("/routers/" + router, world.tokenA(), "{\"external_gateway\":{}}");
    assertEquals(200, removed.status(), removed.body());
    assertTrue(removed.json().path("external_gateway").isNull() || removed.json().path("external_gateway").isMissingNode(), removed.body());
    assertTrue(world.get("/ports", world.stack.adminToken()).toString().indexOf("network:router_gateway") < 0, "the gateway's port is gone");
    Await.until(LINKED, () -> a1.ping(UPSTREAM, 2, 0.2, 2).received() == 0, "a1 still reaches " + UPSTREAM + " without a gateway");
  }

  /**
   * A layer-2 gateway bridges tenant A's network to VLAN 200 of physnet1 through hv2 (active) and
   * hv3: a host on that VLAN (on an access port of a switch behind hv1's uplink) gets its address
   * from Tenet's DHCP as the port registered with its MAC, and pings a1 (hv1) and a2 (hv3) and is
   * pinged back. Tenant B, with the same addresses, never appears on the VLAN, while A's broadcasts
   * do. Refused requests change nothing: a tenant (403), a VLAN an external network holds (409),
   * an external network (409).
   */
  @Test
  @Order(12)
  void aHostOnAVlanSharesATenantNetworkThroughALayer2Gateway() throws Exception {
    Hypervisor hv1 = world.lab.hypervisor(1);
    physnet1.uplink(hv1, "br-ex");
    vlanHost = hv1.plugPhysicalHost("vlan200", VLAN_HOST_MAC, "br-ex", 200, null);
    String body = "{\"network_id\":\"%s\",\"physical_network\":\"physnet1\",\"segmentation_id\":%d}";
    BenchmarkApi.Answer byTenant = world.api.post("/l2-gateways", world.tokenA(), body.formatted(world.networkA(), 200));
    assertEquals(403, byTenant.status(), byTenant.body());
    BenchmarkApi.Answer takenVlan = world.api.post("/l2-gateways", world.stack.adminToken(), body.formatted(world.networkA(), 100));
    assertEquals(409, takenVlan.status(), takenVlan.body());
    assertEquals("segment_in_use", takenVlan.json().path("error").path("code").asText(), takenVlan.body());
    BenchmarkApi.Answer external = world.api.post("/l2-gateways", world.stack.adminToken(), body.formatted(externalNetwork, 200));
    assertEquals(409, external.status(), external.body());
    assertEquals(0, world.get("/l2-gateways", world.stack.adminToken()).path("l2_gateways").size(), "refused: nothing was made");

    BenchmarkApi.Answer created = world.api.post("/l2-gateways", world.stack.adminToken(), body.formatted(world.networkA(), 200));
    assertEquals(201, created.status(), created.body());
    l2GatewayId = created.json().path("id").asText();
    assertEquals(datapathIdOf(world.lab.hypervisor(2).name()), created.json().path("active_datapath_id").asText(), created.body());
    assertEquals(2, created.json().path("hosts").size(), created.body());
    assertEquals(l2GatewayId, world.get("/l2-gateways/" + l2GatewayId, world.tokenA()).path("id").asText(), "the network's tenant reads it");

    BenchmarkApi.Answer hostPort = world.api.post("/ports", world.tokenA(),
        "{\"network_id\":\"" + world.networkA() + "\",\"name\":\"vlan200\",\"mac_address\":\"" + VLAN_HOST_MAC + "\"}");
    assertEquals(201, hostPort.status(), hostPort.body());
    String leased = hostPort.json().path("fixed_ips").get(0).path("ip_address").asText();
    world.createPort("a2", "10.0.0.14", false);
    world.plug(3, "a2");
    world.awaitConverged(3);

    Path script = world.lab.directory().resolve("udhcpc-vlan200.sh");
    Path envFile = world.lab.directory().resolve("udhcpc-vlan200.env");
    Files.writeString(script, "#!/bin/sh\n[ \"$1\" = bound ] && env > " + envFile + "\nexit 0\n");
    script.toFile().setExecutable(true);
    Await.until(LINKED, () -> {
      try {
        vlanHost.exec("busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-f", "-t", "3", "-T", "1", "-s", script.toString());
      } catch (RuntimeException noLease) {
        return false; // udhcpc gives up after its three discovers; the gateway may still be coming up
      }
      return Files.exists(envFile);
    }, () -> "the host on VLAN 200 got no DHCP lease; node log:\n" + world.stack.nodeLogTail() + tables(world.lab.hypervisor(2)) + tables(hv1)
        + hv1.ofctl("dump-flows", "br-ex") + world.lab.hypervisor(2).ofctl("dump-flows", "br-ex"));
    assertTrue(Files.readString(envFile).contains("ip=" + leased), Files.readString(envFile));
    vlanHost.setIp(leased + "/24");

    Await.until(LINKED, () -> vlanHost.ping("10.0.0.3", 1, 0.2, 2).received() == 1,
        () -> "the host on VLAN 200 never reached a1\n" + tables(world.lab.hypervisor(2)) + tables(hv1));
    assertTrue(vlanHost.ping("10.0.0.14", 3, 0.2, 4).received() >= 2, "the host on VLAN 200 does not reach a2 on hv3");
    assertTrue(a1.ping(leased, 3, 0.2, 4).received() >= 2, "a1 does not reach the host on VLAN 200");

    Vm b1 = world.vms().get("b1");
    try (PacketCapture onVlan = vlanHost.capture("arp or icmp")) {
      b1.ping("10.0.0.77", 2, 0.2, 3); // tenant B's broadcasts (ARP for an absent address) and its unicast
      b1.ping(leased, 2, 0.2, 3);
      a1.ping("10.0.0.78", 2, 0.2, 3); // tenant A's broadcasts reach the VLAN
      List<String> seen = onVlan.stop();
      assertTrue(seen.stream().anyMatch(line -> line.contains("10.0.0.78")), "A's ARP never reached the VLAN: " + seen);
      assertTrue(seen.stream().noneMatch(line -> line.contains("10.0.0.77") || line.contains(b1.mac())), "tenant B appeared on the VLAN: " + seen);
    }
  }

  /**
   * Layer-2 gateway failover, with pings every 10 ms from the VLAN's host to a1 and back: hv2's
   * vswitchd is killed, hv3's gates open when BFD loses hv2, hv3 announces the VMs' MACs on the
   * VLAN and the network records hv3 as active. When hv2 returns, not one frame from a VM's MAC
   * leaves its uplink: there is never a moment with two active gateways for the VLAN. An
   * administrator then gives hv2 the highest priority and the VLAN follows; deleting the gateway
   * cuts the host off.
   */
  @Test
  @Order(13)
  void whenTheActiveLayer2GatewayDiesTheStandbyCarriesTheVlan() throws Exception {
    Hypervisor active = world.lab.hypervisor(2);
    Hypervisor standby = world.lab.hypervisor(3);
    Await.until(LINKED, () -> "up".equals(peerState(standby.name(), active.encapIp())), "BFD between the layer-2 gateway's hosts never came up");
    Await.until(LINKED, () -> standby.ofctl("dump-groups", "br-int").contains("push_vlan"), "hv3's outward gate was never armed");
    String vms = "ether src " + a1.mac() + " or ether src " + world.vms().get("a2").mac();
    RunningPing in = vlanHost.startPing("10.0.0.3", 10);
    RunningPing out = a1.startPing(vlanHost.ip(), 10);
    try (PacketCapture standbySilent = physnet1.captureFrom(standby, vms)) {
      Thread.sleep(1000);
      assertEquals(List.of(), standbySilent.stop(), "the standby put the VMs' frames on the VLAN");
    }
    long killed = System.nanoTime();
    active.killVswitchd();
    String standbyDatapath = datapathIdOf(standby.name());
    Await.until(LINKED, () -> standbyDatapath.equals(activeL2Host()), "the network never recorded hv3 as active; node log:\n" + world.stack.nodeLogTail());
    long recordedMs = (System.nanoTime() - killed) / 1_000_000;
    Thread.sleep(2000);
    PingResult inbound = in.stop();
    PingResult outbound = out.stop();
    assertResumed(inbound, killed, "the VLAN's host reached nothing after the kill");
    assertResumed(outbound, killed, "a1 reached nothing on the VLAN after the kill");

    RunningPing inAfter = vlanHost.startPing("10.0.0.3", 10);
    List<String> fromReturned;
    try (PacketCapture returned = physnet1.captureFrom(active, vms)) {
      active.startVswitchd();
      Await.until(LINKED, () -> "up".equals(peerState(standby.name(), active.encapIp())), "BFD to the returned hv2 never came up");
      Thread.sleep(5000); // past the returned host's settling (3 s): its gates are armed by now
      fromReturned = returned.stop();
    }
    PingResult afterReturn = inAfter.stop();
    assertEquals(List.of(), fromReturned, "the returned hv2 put the VMs' frames on the VLAN while hv3 was active");
    assertEquals(standbyDatapath, activeL2Host(), "no failback: hv3 stays active");
    assertTrue(afterReturn.received() > 0, afterReturn.output().toString());
    measured.put("l2_gateway", Map.of("vlan_to_vm_longest_gap_ms", longestSilenceMs(inbound), "vm_to_vlan_longest_gap_ms", longestSilenceMs(outbound),
        "vlan_to_vm_lost", inbound.lostSeqs().size(), "vm_to_vlan_lost", outbound.lostSeqs().size(), "killed_to_network_records_new_active_ms", recordedMs,
        "after_the_old_host_returned", Map.of("lost", afterReturn.lostSeqs().size(), "frames_from_vm_macs_on_its_uplink", fromReturned.size())));
    writeResults();

    // an administrator moves it back at a moment of their choosing: the highest priority is active at once, and the VMs' frames follow
    String hosts = "{\"hosts\":[{\"hostname\":\"%s\",\"priority\":200},{\"hostname\":\"%s\",\"priority\":100}]}".formatted(active.name(), standby.name());
    assertEquals(403, world.api.patch("/l2-gateways/" + l2GatewayId, world.tokenA(), hosts).status(), "a tenant does not choose the hosts");
    BenchmarkApi.Answer moved = world.api.patch("/l2-gateways/" + l2GatewayId, world.stack.adminToken(), hosts);
    assertEquals(200, moved.status(), moved.body());
    assertEquals(datapathIdOf(active.name()), moved.json().path("active_datapath_id").asText(), moved.body());
    try (PacketCapture onHv2 = physnet1.captureFrom(active, "icmp and ether src " + a1.mac())) {
      Await.until(LINKED, () -> vlanHost.ping("10.0.0.3", 1, 0.2, 2).received() == 1, "the VLAN's host lost a1 when hv2 was made active");
      assertTrue(vlanHost.ping("10.0.0.3", 3, 0.2, 3).received() >= 2);
      assertTrue(onHv2.stop().stream().anyMatch(line -> line.contains("ICMP echo reply")), "a1's replies do not leave through hv2");
    }

    assertEquals(204, world.api.delete("/l2-gateways/" + l2GatewayId, world.stack.adminToken()).status());
    Await.until(LINKED, () -> vlanHost.ping("10.0.0.3", 2, 0.2, 2).received() == 0, "the VLAN's host still reaches a1 without the gateway");
  }

  /** The network's active layer-2 gateway host as the API shows it ("" if the API did not answer). */
  private static String activeL2Host() {
    try {
      return world.get("/l2-gateways/" + l2GatewayId, world.stack.adminToken()).path("active_datapath_id").asText();
    } catch (Exception e) {
      return "";
    }
  }
}
