package io.tenet.switches.datapath;

import static io.tenet.switches.datapath.DatapathKnowledgeTest.HV1;
import static io.tenet.switches.datapath.DatapathKnowledgeTest.P1_ON_HV1;
import static io.tenet.switches.datapath.DatapathKnowledgeTest.P2_ON_HV2;
import static io.tenet.switches.datapath.DatapathKnowledgeTest.VM1;
import static io.tenet.switches.datapath.DatapathKnowledgeTest.netA;
import static io.tenet.switches.datapath.DatapathKnowledgeTest.netB;
import static io.tenet.switches.datapath.DatapathKnowledgeTest.r1;
import static io.tenet.switches.datapath.DatapathKnowledgeTest.routedNetA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.ovsdb.InterfaceBinding;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.PortBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A datapath derives a new view after every change it learns; the plan of a network that did not
 * change is the earlier plan itself (so compiling finds it unchanged without comparing its ports),
 * and every view is what a derivation from nothing gives.
 */
class DerivedBeforeTest {
  private static final String ENCAP = "172.31.0.1";

  /** hv1 hosts p1 of net-a and b9 of net-b. */
  private static DatapathKnowledge twoNetworks() {
    return DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1, "b9", new InterfaceBinding("tap-b9", 6, "b9", null)))
        .withPortInNetwork("p1", "net-a").withPortInNetwork("b9", "net-b")
        .withNetwork(netA(3, P1_ON_HV1, P2_ON_HV2)).withNetwork(netBWith(2, "172.31.0.2"));
  }

  private static NetworkDataplane netBWith(long version, String b5At) {
    NetworkDataplane b = netB(version);
    return new NetworkDataplane("net-b", b.vni(), b.mtu(), b.subnets(), List.of(
        new DataplaneMember("b5", "fa:16:3e:00:00:b5", List.of("10.0.1.5"), true, new PortBinding("0000000000000002", "hv2", b5At, 4)),
        new DataplaneMember("b9", "fa:16:3e:00:00:b9", List.of("10.0.1.9"), true, new PortBinding(HV1, "hv1", ENCAP, 6))), version);
  }

  private static NetworkPlan plan(DatapathView view, String networkId) {
    return view.networks().stream().filter(plan -> plan.networkId().equals(networkId)).findFirst().orElseThrow();
  }

  /** The same knowledge, derived from nothing. */
  private static DatapathView fresh(DatapathKnowledge k) {
    return new DatapathKnowledge(HV1, k.plugged(), k.networkOfPort(), k.absentPorts(), k.networks(), k.routers(), k.groups()).view(ENCAP, 1);
  }

  @Test
  void aNetworkThatDidNotChangeKeepsItsPlanObject() {
    DatapathKnowledge before = twoNetworks();
    DatapathView first = before.view(ENCAP, 1);
    DatapathKnowledge after = before.withNetwork(netBWith(3, "172.31.0.3")); // b5 moved to hv3
    DatapathView second = after.view(ENCAP, 1);
    assertSame(plan(first, "net-a"), plan(second, "net-a"));
    assertNotSame(plan(first, "net-b"), plan(second, "net-b"));
    assertEquals(fresh(after), second);
  }

  @Test
  void plansAreDerivedAgainWhenThePortsHereOrTheEndpointChange() {
    DatapathKnowledge before = twoNetworks();
    DatapathView first = before.view(ENCAP, 1);
    // p2 of net-a, still recorded on hv2, is plugged here (a migration): net-a's view is the same object, its plan is not
    DatapathKnowledge migrated = before.withPlugged(Map.of("p1", VM1, "b9", new InterfaceBinding("tap-b9", 6, "b9", null),
        "p2", new InterfaceBinding("tap2", 7, "p2", null))).withPortInNetwork("p2", "net-a");
    DatapathView second = migrated.view(ENCAP, 1);
    assertSame(before.networks().get("net-a"), migrated.networks().get("net-a"));
    assertEquals(fresh(migrated), second);
    assertEquals(List.of(), plan(second, "net-a").remotePorts());
    DatapathView moved = twoNetworks().withNetwork(netA(4, P1_ON_HV1, P2_ON_HV2)).view("172.31.0.9", 1);
    assertNotSame(plan(first, "net-a"), plan(moved, "net-a"));
  }

  /** A remote group's addresses on a network that did not change are the list derived before; on one that did, the new members'. */
  @Test
  void groupAddressesAreKeptByNetwork() {
    DatapathKnowledge before = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a")
        .withNetwork(DatapathKnowledgeTest.groupedNetA(3)).withGroup(DatapathKnowledgeTest.web(2))
        .withGroup(new io.tenet.topology.model.SecurityGroupDataplane("sg-db", "t", List.of(), 5));
    DatapathView first = before.view(ENCAP, 1);
    DatapathKnowledge unchanged = before.withGroup(DatapathKnowledgeTest.web(3)); // a rule view, no member moved
    DatapathView second = unchanged.view(ENCAP, 1);
    assertSame(first.securityGroups().get("sg-db").addressesByNetwork().get("net-a"), second.securityGroups().get("sg-db").addressesByNetwork().get("net-a"));
    NetworkDataplane grown = new NetworkDataplane("net-a", 4096, 1450, DatapathKnowledgeTest.groupedNetA(4).subnets(), List.of(
        DatapathKnowledgeTest.groupedNetA(4).members().get(0), DatapathKnowledgeTest.groupedNetA(4).members().get(1),
        new DataplaneMember("p3", "fa:16:3e:00:00:03", List.of("10.0.0.5"), true, P2_ON_HV2, null, List.of(), List.of("sg-db"))), 4);
    DatapathKnowledge joined = unchanged.withNetwork(grown);
    DatapathView third = joined.view(ENCAP, 1);
    assertEquals(List.of("10.0.0.4", "10.0.0.5"), third.securityGroups().get("sg-db").memberAddresses());
    assertEquals(new DatapathKnowledge(HV1, joined.plugged(), joined.networkOfPort(), joined.absentPorts(), joined.networks(), joined.routers(),
        joined.groups()).view(ENCAP, 1), third);
  }

  @Test
  void aRoutedNetworkKeepsItsPlanWhileItsViewIsTheSame() {
    DatapathKnowledge k = DatapathKnowledge.empty(HV1).withPlugged(Map.of("p1", VM1)).withPortInNetwork("p1", "net-a").withNetwork(routedNetA(3))
        .withRouter(r1(4, true)).withNetwork(netB(2));
    DatapathView first = k.view(ENCAP, 1);
    DatapathKnowledge after = k.withNetwork(routedNetA(5));
    DatapathView second = after.view(ENCAP, 1);
    assertSame(first.routedNetworks().get(0), second.routedNetworks().get(0));
    assertEquals(fresh(after), second);
  }
}
