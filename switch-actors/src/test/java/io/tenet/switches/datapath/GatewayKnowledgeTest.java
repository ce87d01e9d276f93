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
 * "public", hosted by hv2 (preferred) and hv3. hv2 links physnet1 on patch port 6.
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

  @Test
  void theSendersHypervisorTunnelsToThePreferredHost() {
    DatapathKnowledge hv1 = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(routedNetA(3))
        .withRouter(r1(4, GATEWAY));
    DatapathView view = hv1.view("172.31.0.1", 1, Map.of());
    assertEquals(new RouterExit("fa:16:3e:00:0e:01", "172.31.0.2"), view.routers().get(0).exit());
    assertTrue(view.gateways().isEmpty());
    assertEquals(Set.of("172.31.0.2", "172.31.0.3"), hv1.gatewayPeers("172.31.0.1"), "a sender keeps BFD with each of the gateway's hosts");
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
    DatapathView view = hv2.view("172.31.0.2", 1, Map.of("physnet1", 6L));
    assertEquals(List.of(new GatewayPlan("r1", 0xf000, "fa:16:3e:00:0e:01", "203.0.113.10", true, 4200, 6, List.of(R1_A))), view.gateways());
    assertEquals(List.of(new ExternalPlan("public", 4200, "203.0.113.0/24", "203.0.113.1", 6, Map.of())), view.externalNetworks());
    assertEquals(new RouterExit("fa:16:3e:00:0e:01", null), view.routers().get(0).exit());
    assertTrue(view.gatewayReceives("net-a"), "senders' packets for the gateway arrive through the tunnel");

    assertEquals(Set.of("172.31.0.1", "172.31.0.3"), hv2.gatewayPeers("172.31.0.2"), "a host keeps BFD with the other hosts and with every sender");
    DatapathView learned = hv2.withNeighbor("public", "203.0.113.1", "02:00:00:0e:00:01").view("172.31.0.2", 1, Map.of("physnet1", 6L));
    assertEquals(Map.of("203.0.113.1", "02:00:00:0e:00:01"), learned.externalNetworks().get(0).neighbors());
  }

  @Test
  void aStandbyHostCarriesNothingAndARouterWithoutGatewayHasNoExit() {
    DatapathKnowledge hv3 = DatapathKnowledge.empty(HV3).withGateways(Map.of("r1", 0xf000)).withRouter(r1(4, GATEWAY)).withNetwork(routedNetA(3));
    DatapathView view = hv3.view("172.31.0.3", 1, Map.of("physnet1", 6L));
    assertTrue(view.gateways().isEmpty());
    assertEquals("172.31.0.2", view.routers().get(0).exit().activeEncapIp());

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
