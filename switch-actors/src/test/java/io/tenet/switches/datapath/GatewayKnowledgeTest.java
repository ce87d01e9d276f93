package io.tenet.switches.datapath;

import static io.tenet.switches.datapath.DatapathKnowledgeTest.HV1;
import static io.tenet.switches.datapath.DatapathKnowledgeTest.HV2;
import static io.tenet.switches.datapath.DatapathKnowledgeTest.VM1;
import static io.tenet.switches.datapath.DatapathKnowledgeTest.routedNetA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.ExternalPlan;
import io.tenet.switches.compile.GatewayGate;
import io.tenet.switches.compile.GatewayHop;
import io.tenet.switches.compile.GatewayPlan;
import io.tenet.switches.compile.RouterExit;
import io.tenet.switches.compile.RouterLeg;
import io.tenet.topology.model.ExternalGateway;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.ProviderSegment;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.model.RouterDataplane;
import io.tenet.topology.model.RouterInterface;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Router r1 (net-a, where p1 is plugged on hv1) has its gateway on the flat external network
 * "public", hosted by hv2 (preferred) and hv3, each linking physnet1 on patch port 6. Peer tunnels
 * are ports 11-13 (to hv1-hv3).
 */
class GatewayKnowledgeTest {
  static final String HV3 = "0000000000000003";
  static final ExternalGateway GATEWAY = new ExternalGateway("public", true, "gw-port", "203.0.113.10", "fa:16:3e:00:0e:01", "203.0.113.0/24",
      "203.0.113.1", 4200, new ProviderSegment(ProviderType.FLAT, "physnet1", null),
      List.of(new GatewayHost(HV2, "hv2", "172.31.0.2", 2), new GatewayHost(HV3, "hv3", "172.31.0.3", 1)));
  static final RouterLeg R1_A = new RouterLeg("net-a", 4096, "r1-a", "fa:16:3e:00:01:0a", "10.0.0.1", "10.0.0.0/24");

  static RouterDataplane r1(long version, ExternalGateway gateway) {
    return new RouterDataplane("r1", "t", true, List.of(new RouterInterface("r1-a", "net-a", "s", "10.0.0.1", "10.0.0.0/24")), List.of(), version, gateway);
  }

  static final GatewayReach PEERS = new GatewayReach(Map.of("172.31.0.1", 11L, "172.31.0.2", 12L, "172.31.0.3", 13L), Set.of("172.31.0.2"));

  @Test
  void theSendersHypervisorGoesToTheHostsInRankOrderThroughTheirPeerTunnels() {
    DatapathKnowledge hv1 = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(routedNetA(3))
        .withRouter(r1(4, GATEWAY));
    DatapathView view = hv1.view("172.31.0.1", 1, Map.of(), PEERS);
    RouterExit exit = view.routers().get(0).exit();
    assertEquals(List.of(new GatewayHop.Peer("172.31.0.2", 12), new GatewayHop.Peer("172.31.0.3", 13)), exit.hops());
    assertTrue(exit.groupId() > RouterExit.GROUP_BASE && exit.groupId() <= RouterExit.GROUP_BASE + 0xffffff);
    assertTrue(view.gateways().isEmpty());
    assertEquals(Set.of("172.31.0.2", "172.31.0.3"), hv1.gatewayPeers("172.31.0.1"), "a sender keeps BFD with each of the gateway's hosts");

    assertEquals(List.of(new GatewayHop.Unwatched("172.31.0.2")),
        hv1.view("172.31.0.1", 1, Map.of()).routers().get(0).exit().hops(), "before OVS gave the peer tunnels a port: the flow-based tunnel");
    DatapathView failedOver = hv1.withRouter(r1(5, GATEWAY.withActive(HV3))).view("172.31.0.1", 1, Map.of(), PEERS);
    assertEquals(List.of(new GatewayHop.Peer("172.31.0.3", 13), new GatewayHop.Peer("172.31.0.2", 12)), failedOver.routers().get(0).exit().hops(),
        "the host that took over stays first: no failback when the other returns");
  }

  @Test
  void thePreferredHostCarriesTheGatewayOnceItKnowsItHostsItAndHasThePatchPort() {
    DatapathKnowledge hv2 = DatapathKnowledge.empty(HV2);
    assertFalse(hv2.neededRouters().contains("r1"));
    hv2 = hv2.withGateways(Map.of("r1", 0xf000));
    assertEquals(Set.of("r1"), hv2.missingRouters(), "a hosted gateway's router is needed, and so its networks");
    hv2 = hv2.withRouter(r1(4, GATEWAY)).withNetwork(routedNetA(3));
    assertTrue(hv2.complete());

    assertTrue(hv2.view("172.31.0.2", 1, Map.of()).gateways().isEmpty(), "no patch to physnet1 here: nothing to carry it through");
    DatapathView view = hv2.view("172.31.0.2", 1, Map.of("physnet1", 6L), PEERS);
    assertEquals(List.of(new GatewayPlan("r1", 0xf000, "fa:16:3e:00:0e:01", "203.0.113.10", true, 4200, 6, List.of(R1_A))), view.gateways());
    assertEquals(GatewayGate.first(0xf000), view.gateways().get(0).gate(), "ranked first: nothing to wait for");
    assertEquals(List.of(new ExternalPlan("public", 4200, "203.0.113.0/24", "203.0.113.1", 6, Map.of())), view.externalNetworks());
    assertEquals(List.of(new GatewayHop.Here()), view.routers().get(0).exit().hops(), "the first host carries it itself; nobody after it is needed");
    assertTrue(view.gatewayReceives("net-a"), "senders' packets for the gateway arrive through the tunnel");

    assertEquals(Set.of("172.31.0.1", "172.31.0.3"), hv2.gatewayPeers("172.31.0.2"), "a host keeps BFD with the other hosts and with every sender");
    DatapathView learned = hv2.withNeighbor("public", "203.0.113.1", "02:00:00:0e:00:01").view("172.31.0.2", 1, Map.of("physnet1", 6L));
    assertEquals(Map.of("203.0.113.1", "02:00:00:0e:00:01"), learned.externalNetworks().get(0).neighbors());
  }

  @Test
  void aStandbyHostCarriesTheGatewayBehindAGateOnTheHostRankedBeforeIt() {
    DatapathKnowledge hv3 = DatapathKnowledge.empty(HV3).withGateways(Map.of("r1", 0xf001)).withRouter(r1(4, GATEWAY)).withNetwork(routedNetA(3));
    DatapathView view = hv3.view("172.31.0.3", 1, Map.of("physnet1", 6L), PEERS);
    GatewayGate gate = view.gateways().get(0).gate();
    assertEquals(new GatewayGate(GatewayGate.GROUP_BASE + 0xf001, List.of(new GatewayHop.Peer("172.31.0.2", 12)), true), gate,
        "settled with hv2: the gate opens when BFD loses hv2");
    assertEquals(List.of(new GatewayHop.Peer("172.31.0.2", 12), new GatewayHop.Here()), view.routers().get(0).exit().hops());

    GatewayReach unsettled = new GatewayReach(PEERS.peerPorts(), Set.of());
    DatapathView starting = hv3.view("172.31.0.3", 1, Map.of("physnet1", 6L), unsettled);
    assertFalse(starting.gateways().get(0).gate().armed(), "its BFD session to hv2 may still be coming up: never take over yet");
    assertEquals(List.of(new GatewayHop.Peer("172.31.0.2", 12)), starting.routers().get(0).exit().hops());

    DatapathView active = hv3.withRouter(r1(5, GATEWAY.withActive(HV3))).view("172.31.0.3", 1, Map.of("physnet1", 6L), unsettled);
    assertEquals(GatewayGate.first(0xf001), active.gateways().get(0).gate(), "once the router ranks it first, nothing is waited for");

    DatapathKnowledge hv1 = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(routedNetA(3))
        .withRouter(r1(4, null));
    assertNull(hv1.view("172.31.0.1", 1, Map.of()).routers().get(0).exit());
  }

  @Test
  void aVlanSegmentIsCarriedWithItsTag() {
    ExternalGateway vlan = new ExternalGateway("public", true, "gw-port", "203.0.113.10", "fa:16:3e:00:0e:01", "203.0.113.0/24", "203.0.113.1", 4200,
        new ProviderSegment(ProviderType.VLAN, "physnet1", 100), GATEWAY.hosts());
    DatapathKnowledge hv2 = DatapathKnowledge.empty(HV2).withGateways(Map.of("r1", 0xf000)).withRouter(r1(4, vlan)).withNetwork(routedNetA(3));
    DatapathView view = hv2.view("172.31.0.2", 1, Map.of("physnet1", 6L));
    assertEquals(100, view.gateways().get(0).vlanId());
    assertEquals(100, view.externalNetworks().get(0).vlanId());
  }
}
