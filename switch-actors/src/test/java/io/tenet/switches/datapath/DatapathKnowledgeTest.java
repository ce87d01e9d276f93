package io.tenet.switches.datapath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.BridgeHostPlan;
import io.tenet.switches.compile.BridgePlan;
import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.GatewayHop;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import io.tenet.switches.compile.RouterLeg;
import io.tenet.switches.compile.RouterPlan;
import io.tenet.switches.compile.StaticRoute;
import io.tenet.switches.ovsdb.InterfaceBinding;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.HostRoute;
import io.tenet.topology.model.L2Bridge;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.ProviderSegment;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.model.RouterDataplane;
import io.tenet.topology.model.RouterInterface;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupDataplane;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.Subnet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** hv1 (dpid ...01) hosts vm1 of net-a; vm2 of net-a is on hv2; vm9 is plugged but its port does not exist yet. */
class DatapathKnowledgeTest {
  static final String HV1 = "0000000000000001";
  static final String HV2 = "0000000000000002";
  static final InterfaceBinding VM1 = new InterfaceBinding("tap1", 5, "p1", "fa:16:3e:00:00:01");
  static final InterfaceBinding VM9 = new InterfaceBinding("tap9", 9, "p9", null);
  static final Subnet SUBNET = new Subnet("s", "", "10.0.0.0/24", "10.0.0.1", List.of(), true, "10.0.0.2", List.of(), List.of());

  static NetworkDataplane netA(long version, PortBinding p1At, PortBinding p2At) {
    return new NetworkDataplane("net-a", 4096, 1450, List.of(SUBNET), List.of(
        new DataplaneMember("p1", "fa:16:3e:00:00:01", List.of("10.0.0.3"), true, p1At),
        new DataplaneMember("p2", "fa:16:3e:00:00:02", List.of("10.0.0.4"), false, p2At)), version);
  }

  static final PortBinding P1_ON_HV1 = new PortBinding(HV1, "hv1", "172.31.0.1", 5);
  static final PortBinding P2_ON_HV2 = new PortBinding(HV2, "hv2", "172.31.0.2", 7);

  @Test
  void nothingIsCompleteUntilEveryPluggedPortIsAnswered() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1, "p9", VM9));
    assertFalse(k.complete());
    k = k.withPortInNetwork("p1", "net-a");
    assertEquals(Set.of("net-a"), k.missingNetworks());
    k = k.withPortAbsent("p9").withNetwork(netA(3, P1_ON_HV1, P2_ON_HV2));
    assertTrue(k.complete());
  }

  @Test
  void theViewHasLocalAndRemotePortsAndDhcp() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(netA(3, P1_ON_HV1, P2_ON_HV2));
    DatapathView view = k.view("172.31.0.1", 1);
    assertEquals(List.of(new LocalPort("p1", "net-a", 5, "fa:16:3e:00:00:01", List.of("10.0.0.3"), true)), view.localPorts());
    assertEquals(List.of(new RemotePort("p2", "fa:16:3e:00:00:02", List.of("10.0.0.4"), "172.31.0.2")), view.networks().get(0).remotePorts());
    assertTrue(view.networks().get(0).dhcp());
    assertEquals(4096, view.networks().get(0).vni());
  }

  @Test
  void anOlderViewNeverReplacesANewerOne() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(netA(5, P1_ON_HV1, P2_ON_HV2));
    DatapathKnowledge later = k.withNetwork(netA(4, P1_ON_HV1, null));
    assertEquals(5, later.networks().get("net-a").version());
  }

  /** What is derived from the port map (the groups to enforce) is kept while the map is the same object. */
  @Test
  void aNewerViewAdoptingNoPortKeepsThePortMapItself() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(netA(3, P1_ON_HV1, P2_ON_HV2));
    DatapathKnowledge newer = k.withNetwork(netA(4, P1_ON_HV1, null));
    assertEquals(4, newer.networks().get("net-a").version());
    assertSame(k.networkOfPort(), newer.networkOfPort());
    assertSame(k.absentPorts(), newer.absentPorts());
  }

  @Test
  void aViewOfANetworkNotServedHereIsIgnored() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p9", VM9));
    assertTrue(k.withNetwork(netA(3, null, P2_ON_HV2)).networks().isEmpty());
  }

  /** Migration: the VM is plugged here while its network still places it on hv2; it is local here, not a remote port. */
  @Test
  void aPortPluggedHereIsLocalEvenIfItsNetworkStillPlacesItElsewhere() {
    InterfaceBinding vm2Here = new InterfaceBinding("tap2", 6, "p2", null);
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p2", vm2Here)).withPortInNetwork("p2", "net-a").withNetwork(netA(3, null, P2_ON_HV2));
    DatapathView view = k.view("172.31.0.1", 1);
    assertEquals(List.of("p2"), view.localPorts().stream().map(LocalPort::portId).toList());
    assertTrue(view.networks().get(0).remotePorts().isEmpty(), "p1 is not plugged anywhere, p2 is here");
  }

  /** The port was plugged before it existed (NOT_FOUND); once created it bound itself, and its network's view says so. */
  @Test
  void aViewPlacingAnAbsentPluggedPortHereAdoptsIt() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortAbsent("p1");
    k = k.withNetwork(netA(4, P1_ON_HV1, P2_ON_HV2));
    assertEquals(Map.of("p1", "net-a"), k.networkOfPort());
    assertTrue(k.complete());
    assertEquals(1, k.view("172.31.0.1", 1).localPorts().size());
    assertTrue(DatapathKnowledge.empty(HV2).withPlugged(Map.of("p1", VM1)).withNetwork(netA(4, P1_ON_HV1, P2_ON_HV2)).networks().isEmpty(),
        "a view placing the port elsewhere adopts nothing");
  }

  @Test
  void unpluggingTheLastPortOfANetworkForgetsTheNetwork() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(netA(3, P1_ON_HV1, P2_ON_HV2));
    DatapathKnowledge unplugged = k.withPlugged(Map.of());
    assertTrue(unplugged.servedNetworks().isEmpty());
    assertTrue(unplugged.networks().isEmpty());
    assertTrue(unplugged.view("172.31.0.1", 1).networks().isEmpty());
  }

  @Test
  void aDeletedNetworkTakesItsPortsWithIt() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(netA(3, P1_ON_HV1, P2_ON_HV2));
    DatapathKnowledge gone = k.withoutNetwork("net-a");
    assertEquals(Set.of("p1"), gone.absentPorts());
    assertTrue(gone.complete());
    assertTrue(gone.view("172.31.0.1", 1).localPorts().isEmpty());
  }

  // ---- routing: net-a's r1-a is an interface of router r1, which also joins net-b (only b5 on hv2)

  static final Subnet SUBNET_B = new Subnet("sb", "", "10.0.1.0/24", "10.0.1.1", List.of(), true, "10.0.1.2", List.of(), List.of());

  static NetworkDataplane routedNetA(long version) {
    return new NetworkDataplane("net-a", 4096, 1450, List.of(SUBNET), List.of(
        new DataplaneMember("p1", "fa:16:3e:00:00:01", List.of("10.0.0.3"), true, P1_ON_HV1),
        new DataplaneMember("r1-a", "fa:16:3e:00:01:0a", List.of("10.0.0.1"), false, null, "r1")), version);
  }

  static NetworkDataplane netB(long version) {
    return new NetworkDataplane("net-b", 4097, 1450, List.of(SUBNET_B), List.of(
        new DataplaneMember("b5", "fa:16:3e:00:00:b5", List.of("10.0.1.5"), true, new PortBinding(HV2, "hv2", "172.31.0.2", 4)),
        new DataplaneMember("r1-b", "fa:16:3e:00:01:0b", List.of("10.0.1.1"), false, null, "r1")), version);
  }

  static RouterDataplane r1(long version, boolean up) {
    return new RouterDataplane("r1", "t", up, List.of(
        new RouterInterface("r1-a", "net-a", "s", "10.0.0.1", "10.0.0.0/24"),
        new RouterInterface("r1-b", "net-b", "sb", "10.0.1.1", "10.0.1.0/24")), List.of(new HostRoute("192.168.50.0/24", "10.0.1.5")), version);
  }

  @Test
  void aServedNetworksRouterAndTheNetworksItReachesAreNeededBeforeAnythingIsComplete() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(routedNetA(3));
    assertEquals(Set.of("r1"), k.missingRouters());
    assertFalse(k.complete());
    assertEquals(k, k.withNetwork(netB(2)), "net-b is nothing to this datapath before it knows the router");
    k = k.withRouter(r1(4, true));
    assertEquals(Set.of("net-b"), k.missingRoutedNetworks());
    assertFalse(k.complete());
    k = k.withNetwork(netB(2));
    assertTrue(k.complete());

    DatapathView view = k.view("172.31.0.1", 1);
    assertEquals(List.of(new RouterPlan("r1", List.of(
        new RouterLeg("net-a", 4096, "r1-a", "fa:16:3e:00:01:0a", "10.0.0.1", "10.0.0.0/24"),
        new RouterLeg("net-b", 4097, "r1-b", "fa:16:3e:00:01:0b", "10.0.1.1", "10.0.1.0/24")), List.of(new StaticRoute("192.168.50.0/24", "10.0.1.5")))),
        view.routers());
    assertEquals(List.of(new NetworkPlan("net-b", 4097, true, List.of(new RemotePort("b5", "fa:16:3e:00:00:b5", List.of("10.0.1.5"), "172.31.0.2")))),
        view.routedNetworks());
    assertTrue(view.networks().get(0).remotePorts().isEmpty(), "a router's interface is no remote port");
  }

  @Test
  void aRouterThatIsDownOrGoneOrDetachedRoutesNothingAndItsNetworksAreForgotten() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(routedNetA(3))
        .withRouter(r1(4, true)).withNetwork(netB(2));
    DatapathKnowledge down = k.withRouter(r1(5, false));
    assertEquals(List.of(), down.view("172.31.0.1", 1).routers());
    assertFalse(down.networks().containsKey("net-b"));
    assertTrue(down.complete());

    DatapathKnowledge gone = k.withoutRouter("r1");
    assertEquals(List.of(), gone.view("172.31.0.1", 1).routers());
    assertTrue(gone.complete());

    DatapathKnowledge detached = k.withNetwork(netA(6, P1_ON_HV1, null));
    assertEquals(Set.of(), detached.neededRouters());
    assertEquals(Map.of(), detached.routers());
    assertEquals(Set.of("net-a"), detached.networks().keySet());
  }

  // ---- security groups: p1 (port security on) is in sg-web, whose ingress rule names sg-db; p2 (on hv2) is in sg-db

  static NetworkDataplane groupedNetA(long version) {
    return new NetworkDataplane("net-a", 4096, 1450, List.of(SUBNET), List.of(
        new DataplaneMember("p1", "fa:16:3e:00:00:01", List.of("10.0.0.3"), true, P1_ON_HV1, null, List.of(), List.of("sg-web")),
        new DataplaneMember("p2", "fa:16:3e:00:00:02", List.of("10.0.0.4"), true, P2_ON_HV2, null, List.of(), List.of("sg-db"))), version);
  }

  static SecurityGroupDataplane web(long version) {
    return new SecurityGroupDataplane("sg-web", "t", List.of(
        new SecurityGroupRule("r1", RuleDirection.INGRESS, "IPv4", "tcp", 80, 80, null, "sg-db", "")), version);
  }

  @Test
  void theGroupsOfLocalPortsAndTheRemoteGroupsTheyNameAreNeededBeforeAnythingIsComplete() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(groupedNetA(3));
    assertEquals(Set.of("sg-web"), k.missingGroups(), "p2 is not local: its group is needed only as a remote group");
    assertFalse(k.complete());
    k = k.withGroup(web(2));
    assertEquals(Set.of("sg-db"), k.missingGroups());
    k = k.withGroup(new SecurityGroupDataplane("sg-db", "t", List.of(), 5));
    assertTrue(k.complete());
    assertEquals(k, k.withGroup(web(1)), "an older view changes nothing");

    DatapathKnowledge unplugged = k.withPlugged(Map.of());
    assertEquals(Map.of(), unplugged.groups(), "no local port, nothing to enforce");
    DatapathKnowledge gone = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(groupedNetA(3))
        .withoutGroup("sg-web");
    assertTrue(gone.complete(), "a group that does not exist allows nothing and names no remote group");
  }

  /**
   * The groups a datapath enforces follow its local ports' groups after a view was derived, when
   * the groups of an unchanged network are kept from that derivation: a newer view of the network
   * moves p1 to another group, and a port unplugged takes its groups with it.
   */
  @Test
  void enforcedGroupsFollowANewerViewAndUnpluggedPortsAfterAViewWasDerived() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(groupedNetA(3))
        .withGroup(web(2)).withGroup(new SecurityGroupDataplane("sg-db", "t", List.of(), 5));
    k.view("172.31.0.1", 1);
    DatapathKnowledge sameView = k.withGroup(web(3));
    assertEquals(Set.of("sg-web", "sg-db"), sameView.neededGroups(), "kept from the derivation: the network's view is the same");
    NetworkDataplane p1InOps = new NetworkDataplane("net-a", 4096, 1450, List.of(SUBNET), List.of(
        new DataplaneMember("p1", "fa:16:3e:00:00:01", List.of("10.0.0.3"), true, P1_ON_HV1, null, List.of(), List.of("sg-ops")),
        new DataplaneMember("p2", "fa:16:3e:00:00:02", List.of("10.0.0.4"), true, P2_ON_HV2, null, List.of(), List.of("sg-db"))), 4);
    assertEquals(Set.of("sg-ops"), sameView.withNetwork(p1InOps).neededGroups());
    assertEquals(Set.of(), sameView.withPlugged(Map.of()).neededGroups());
  }

  /**
   * A remote group's addresses are its members' wherever they run, plugged or not: a VLAN host's
   * port behind a layer-2 gateway is never plugged into OVS, yet its group's rules must let it in.
   */
  @Test
  void aRemoteGroupHoldsTheAddressesOfItsMembersPluggedOrNot() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(groupedNetA(3))
        .withGroup(web(2)).withGroup(new SecurityGroupDataplane("sg-db", "t", List.of(), 5));
    NetworkDataplane p2Unplugged = new NetworkDataplane("net-a", 4096, 1450, List.of(SUBNET), List.of(
        new DataplaneMember("p1", "fa:16:3e:00:00:01", List.of("10.0.0.3"), true, P1_ON_HV1, null, List.of(), List.of("sg-web")),
        new DataplaneMember("p2", "fa:16:3e:00:00:02", List.of("10.0.0.4"), true, null, null, List.of(), List.of("sg-db"))), 4);
    assertEquals(List.of("10.0.0.4"), k.withNetwork(p2Unplugged).view("172.31.0.1", 1).securityGroups().get("sg-db").memberAddresses());
  }

  /**
   * A host of a network's layer-2 gateway serves the network without a local port: it needs the
   * network's view, plans the gateway with its patch port and VLAN, keeps BFD tunnels to the other
   * hosts, and is ranked after the active one; a hypervisor with a member only copies to the hosts.
   */
  @Test
  void aLayer2GatewaysHostServesTheNetworkWithoutALocalPort() {
    GatewayHost first = new GatewayHost(HV2, "hv2", "172.31.0.2", 2);
    GatewayHost second = new GatewayHost("0000000000000003", "hv3", "172.31.0.3", 1);
    L2Bridge bridge = new L2Bridge("l2gw", new ProviderSegment(ProviderType.VLAN, "physnet1", 200), 4300, List.of(first, second), HV2);
    NetworkDataplane bridged = new NetworkDataplane("net-a", 4096, 1450, List.of(SUBNET), netA(3, P1_ON_HV1, null).members(), 3, bridge);

    DatapathKnowledge host = DatapathKnowledge.empty("0000000000000003").withBridges(Set.of("net-a"));
    assertEquals(Set.of("net-a"), host.missingNetworks());
    host = host.withNetwork(bridged);
    assertTrue(host.complete());
    assertEquals(Set.of("172.31.0.2"), host.gatewayPeers("172.31.0.3"));
    GatewayReach reach = new GatewayReach(Map.of("172.31.0.2", 12L), Set.of("172.31.0.2"));
    NetworkPlan plan = host.view("172.31.0.3", 1, Map.of("physnet1", 4L), reach).networks().get(0);
    assertEquals(new BridgePlan(4300, List.of("172.31.0.2"), new BridgeHostPlan(4, 200, List.of(new GatewayHop.Peer("172.31.0.2", 12)), true)), plan.bridge());
    assertEquals(new BridgePlan(4300, List.of("172.31.0.2"), null), host.view("172.31.0.3", 1).networks().get(0).bridge(),
        "not linked to physnet1: it sends like any other hypervisor");

    DatapathKnowledge sender = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(bridged);
    assertEquals(new BridgePlan(4300, List.of("172.31.0.2", "172.31.0.3"), null), sender.view("172.31.0.1", 1).networks().get(0).bridge());
    assertEquals(Set.of(), sender.gatewayPeers("172.31.0.1"), "a sender needs no BFD: the hosts' gates decide");
  }
}
