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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    String haFloatingIp = created.json().path("floating_ip_address").asText();
    Await.until(LINKED, () -> "up".equals(peerState(sender.name(), active.encapIp())) && "up".equals(peerState(sender.name(), standby.encapIp()))
        && "up".equals(peerState(standby.name(), active.encapIp())), "BFD between the hypervisors never came up; node log:\n" + world.stack.nodeLogTail());
    Await.until(LINKED, () -> standby.ofctl("dump-groups", "br-int").contains("resubmit(,30)"), "hv3's gate was never armed");
    Await.until(LINKED, () -> outside.ping(haFloatingIp, 1, 0.2, 2).received() == 1,
        () -> "the outside never reached a1 at " + haFloatingIp + "\n" + tables(sender) + tables(active) + tables(standby));

    RunningPing in = outside.startPing(haFloatingIp, 10);
    RunningPing out = a1.startPing(UPSTREAM, 10);
    try (PacketCapture standbySilent = physnet1.captureUplink(standby, "ether src " + gatewayMac)) {
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
    Instant killedAt = Instant.now().minusNanos(System.nanoTime() - killed);
    assertTrue(inbound.replies().stream().anyMatch(reply -> reply.receivedAt().isAfter(killedAt.plusMillis(100))),
        "nothing from outside reached a1 after the kill: " + inbound.lostRuns());
    assertTrue(outbound.replies().stream().anyMatch(reply -> reply.receivedAt().isAfter(killedAt.plusMillis(100))),
        "a1 reached nothing outside after the kill: " + outbound.lostRuns());
    long inboundGapMs = longestSilenceMs(inbound);
    long outboundGapMs = longestSilenceMs(outbound);

    // hv2 returns: it must stay standby, silent on the physical network, from its first moment on
    RunningPing inAfter = outside.startPing(haFloatingIp, 10);
    List<String> fromReturned;
    try (PacketCapture returned = physnet1.captureUplink(active, "ether src " + gatewayMac)) {
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

    Files.createDirectories(RESULTS.getParent());
    Files.writeString(RESULTS, """
        {"bfd_interval_ms": 100, "ping_interval_ms": 10,
         "outside_to_floating_ip_longest_gap_ms": %d, "vm_to_outside_longest_gap_ms": %d,
         "outside_to_floating_ip_lost": %d, "vm_to_outside_lost": %d,
         "killed_to_router_records_new_active_ms": %d,
         "after_the_old_host_returned": {"lost": %d, "frames_from_gateway_mac_on_its_uplink": %d, "failback": false}}
        """.formatted(inboundGapMs, outboundGapMs, inbound.lostSeqs().size(), outbound.lostSeqs().size(), recordedMs,
        afterReturn.lostSeqs().size(), fromReturned.size()));
    BenchmarkApi.Answer released = world.api.delete("/floating-ips/" + created.json().path("id").asText(), world.tokenA());
    assertEquals(204, released.status(), released.body());
  }

  /** A hypervisor's groups and flows, for a failure message. */
  private static String tables(Hypervisor hypervisor) {
    return "--- " + hypervisor.name() + "\n" + hypervisor.ofctl("dump-groups", "br-int") + hypervisor.ofctl("dump-flows", "br-int") + "\n";
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
  @Order(9)
  void removingTheGatewayCutsTheWayOut() throws Exception {
    BenchmarkApi.Answer removed = world.api.patch("/routers/" + router, world.tokenA(), "{\"external_gateway\":{}}");
    assertEquals(200, removed.status(), removed.body());
    assertTrue(removed.json().path("external_gateway").isNull() || removed.json().path("external_gateway").isMissingNode(), removed.body());
    assertTrue(world.get("/ports", world.stack.adminToken()).toString().indexOf("network:router_gateway") < 0, "the gateway's port is gone");
    Await.until(LINKED, () -> a1.ping(UPSTREAM, 2, 0.2, 2).received() == 0, "a1 still reaches " + UPSTREAM + " without a gateway");
  }
}
