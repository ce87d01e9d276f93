package io.tenet.switches.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.BridgeFlowsTest;
import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.GatewayGate;
import io.tenet.switches.compile.GatewayHop;
import io.tenet.switches.compile.GatewayPlan;
import io.tenet.switches.compile.GroupPlan;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import io.tenet.switches.compile.RouterExit;
import io.tenet.switches.compile.RouterLeg;
import io.tenet.switches.compile.RouterPlan;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.GroupEntry;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A switch that holds exactly one compiled state and receives only the changes of the networks
 * that changed ends up holding exactly the next compiled state, as if everything had been diffed.
 */
class DesiredTablesTest {
  static final String HV2 = "172.31.99.2";
  static final NetworkPlan NET_A = new NetworkPlan("net-a", 4096, true, List.of(new RemotePort("a2", "fa:16:3e:00:00:a2", List.of("10.0.0.4"), HV2)));
  static final NetworkPlan NET_B = new NetworkPlan("net-b", 4097, false, List.of(new RemotePort("b2", "fa:16:3e:00:00:b2", List.of("10.0.0.4"), HV2)));
  static final LocalPort A1 = new LocalPort("a1", "net-a", 2, "fa:16:3e:00:00:a1", List.of("10.0.0.3"), true);
  static final LocalPort B1 = new LocalPort("b1", "net-b", 3, "fa:16:3e:00:00:b1", List.of("10.0.0.3"), false);

  static DatapathView view(List<LocalPort> locals, List<NetworkPlan> networks) {
    return new DatapathView("0000000000000001", "172.31.99.1", 1, locals, networks);
  }

  static final DatapathView BOTH = view(List.of(A1, B1), List.of(NET_A, NET_B));

  @Test
  void fromNothingTheChangesAreEverythingTheCompilerWants() {
    DesiredTables first = DesiredTables.NONE.next(BOTH);
    SwitchTables compiled = SwitchTables.desired(FlowCompiler.compile(BOTH));
    assertSame(compiled, first.merged());
    assertSame(compiled, afterApplying(SwitchTables.EMPTY, first.changesFrom(DesiredTables.NONE)));
  }

  /** A host of a layer-2 gateway with no local port of the network still gets the network's part (it had none: the gateway never reached the switch). */
  @Test
  void aLayer2GatewaysHostGetsTheNetworksPartWithoutALocalPort() {
    DatapathView host = BridgeFlowsTest.HVGW_VIEW;
    assertSame(SwitchTables.desired(FlowCompiler.compile(host)), DesiredTables.NONE.next(host).merged());
  }

  @Test
  void theSameViewChangesNothing() {
    DesiredTables first = DesiredTables.NONE.next(BOTH);
    assertTrue(first.next(BOTH).changesFrom(first).isEmpty());
  }

  /** A remote group of 1,000 members gains one: one flow-mod, and the switch then holds exactly the next compiled state. */
  @Test
  void aRemoteGroupMemberJoiningSendsOneFlow() {
    GroupPlan web = new GroupPlan("web", List.of(new SecurityGroupRule("ssh", RuleDirection.INGRESS, "IPv4", "tcp", 22, 22, null, "admins", ""),
        new SecurityGroupRule("echo", RuleDirection.INGRESS, "IPv4", "icmp", 8, null, null, "admins", "")), List.of("10.0.0.3"));
    LocalPort filtered = new LocalPort("a1", "net-a", 2, "fa:16:3e:00:00:a1", List.of("10.0.0.3"), true, List.of(), List.of("web"));
    DatapathView before = withAdmins(filtered, web, 1000);
    DatapathView after = withAdmins(filtered, web, 1001);
    DesiredTables first = DesiredTables.NONE.next(before);
    DesiredTables second = first.next(after);
    TableChanges changes = second.changesFrom(first);
    assertEquals(1, changes.size(), changes.toString());
    assertSame(SwitchTables.desired(FlowCompiler.compile(after)), afterApplying(first.merged(), changes));
  }

  private static DatapathView withAdmins(LocalPort port, GroupPlan web, int members) {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < members; i++) addresses.add("10.1." + (i / 250) + "." + (i % 250 + 1));
    GroupPlan admins = new GroupPlan("admins", List.of(), addresses);
    return new DatapathView("0000000000000001", "172.31.99.1", 1, List.of(port), List.of(NET_A), List.of(), List.of(), Map.of("web", web, "admins", admins));
  }

  /**
   * Fifty tenants' default groups, each admitting its own members, are all named in the ingress
   * table of a datapath holding a port of each: a member joining one tenant's network is one
   * flow-mod, and with overlapping ranges an address two tenants hold gets both conjunctions, and
   * loses one when that tenant's member leaves.
   */
  @Test
  void aMemberJoiningOneOfManyTenantsGroupsInOneTableSendsOneFlow() {
    DatapathView before = tenants(50, 20, Map.of());
    DatapathView joined = tenants(50, 20, Map.of(7, "10.7.0.200"));
    DesiredTables first = DesiredTables.NONE.next(before);
    DesiredTables second = first.next(joined);
    TableChanges changes = second.changesFrom(first);
    assertEquals(1, changes.size(), changes.toString());
    assertSame(SwitchTables.desired(FlowCompiler.compile(joined)), afterApplying(first.merged(), changes));

    // tenant 9 reuses tenant 3's range: the address both hold is one flow carrying both groups' conjunctions
    DatapathView overlapping = tenants(50, 20, Map.of(7, "10.7.0.200", 9, "10.3.0.5"));
    DesiredTables third = second.next(overlapping);
    TableChanges shared = third.changesFrom(second);
    assertEquals(1, shared.size(), shared.toString());
    assertEquals(2, conjunctionsFrom(overlapping, "10.3.0.5"));
    assertSame(SwitchTables.desired(FlowCompiler.compile(overlapping)), afterApplying(second.merged(), shared));

    DesiredTables fourth = third.next(joined);
    TableChanges parted = fourth.changesFrom(third);
    assertEquals(1, parted.size(), "tenant 3's flow for the address loses tenant 9's conjunction: " + parted);
    assertEquals(1, conjunctionsFrom(joined, "10.3.0.5"));
    assertSame(SwitchTables.desired(FlowCompiler.compile(joined)), afterApplying(third.merged(), parted));
  }

  /** Tenant t: network net-t (10.t.0.0/24) with {@code size} members on other hypervisors and one port here, its default group admitting itself. */
  private static DatapathView tenants(int count, int size, Map<Integer, String> extraMember) {
    List<LocalPort> locals = new ArrayList<>();
    List<NetworkPlan> networks = new ArrayList<>();
    Map<String, GroupPlan> groups = new java.util.HashMap<>();
    for (int t = 0; t < count; t++) {
      String network = "net-" + t;
      String group = "default-" + t;
      List<String> addresses = new ArrayList<>();
      List<RemotePort> remotes = new ArrayList<>();
      for (int i = 2; i < size + 2; i++) {
        addresses.add("10." + t + ".0." + i);
        remotes.add(new RemotePort(network + "-" + i, String.format("fa:16:3e:00:%02x:%02x", t, i), List.of("10." + t + ".0." + i), HV2));
      }
      if (extraMember.containsKey(t)) addresses.add(extraMember.get(t));
      locals.add(new LocalPort("local-" + t, network, 10 + t, String.format("fa:16:3e:01:%02x:01", t), List.of("10." + t + ".0.1"), true, List.of(),
          List.of(group)));
      addresses.add("10." + t + ".0.1");
      networks.add(new NetworkPlan(network, 5000 + t, false, remotes));
      groups.put(group, new GroupPlan(group, List.of(new SecurityGroupRule("ssh", RuleDirection.INGRESS, "IPv4", "tcp", 22, 22, null, group, "")),
          Map.of(network, List.copyOf(new java.util.TreeSet<>(addresses)))));
    }
    return new DatapathView("0000000000000001", "172.31.99.1", 1, locals, networks, List.of(), List.of(), groups);
  }

  /** How many conjunctions the view's flows give packets from {@code address}. */
  private static long conjunctionsFrom(DatapathView view, String address) {
    return FlowCompiler.compile(view).flows().stream()
        .filter(flow -> address.equals(flow.match().fields().get(io.tenet.switches.flow.MatchField.IPV4_SRC)))
        .mapToLong(flow -> flow.actions().stream().filter(action -> action instanceof io.tenet.switches.flow.Action.Conjunction).count())
        .sum();
  }

  @Test
  void aNewRemotePortTouchesOnlyItsNetwork() {
    DesiredTables before = DesiredTables.NONE.next(BOTH);
    List<RemotePort> remotes = new ArrayList<>(NET_A.remotePorts());
    remotes.add(new RemotePort("a3", "fa:16:3e:00:00:a3", List.of("10.0.0.5"), "172.31.99.3"));
    DatapathView grown = view(List.of(A1, B1), List.of(new NetworkPlan("net-a", 4096, true, remotes), NET_B));
    DesiredTables after = before.next(grown);
    TableChanges changes = after.changesFrom(before);

    Set<Long> touched = changes.flowsToAdd().stream().map(SwitchFlow::cookie).collect(Collectors.toSet());
    assertEquals(Set.of(Cookie.of(Cookie.Owner.PORT, "a3").value()), touched, "only the new port's flows are added");
    assertEquals(1, changes.groupsToModify().size(), "network A's flood group gains hv3");
    assertTrue(changes.flowsToDelete().isEmpty());
    assertSame(after.merged(), afterApplying(before.merged(), changes));
  }

  @Test
  void aNetworkLeavingTakesAllItsFlowsAndGroups() {
    DesiredTables before = DesiredTables.NONE.next(BOTH);
    DesiredTables after = before.next(view(List.of(A1), List.of(NET_A)));
    TableChanges changes = after.changesFrom(before);
    assertEquals(2, changes.groupsToDelete().size());
    assertSame(after.merged(), afterApplying(before.merged(), changes));
    assertEquals(Set.of("net-a"), after.networkIds());
  }

  @Test
  void aPortThatChangedNetworkKeepsItsOpenFlowPortFlowsReplacedNotDeleted() {
    DesiredTables before = DesiredTables.NONE.next(BOTH);
    // b1's OpenFlow port now carries a port of network A (b1 unplugged, a4 plugged and given port 3)
    LocalPort a4 = new LocalPort("a4", "net-a", 3, "fa:16:3e:00:00:a4", List.of("10.0.0.6"), true);
    DesiredTables after = before.next(view(List.of(A1, a4), List.of(NET_A, NET_B)));
    TableChanges changes = after.changesFrom(before);
    Set<FlowKey> added = changes.flowsToAdd().stream().map(SwitchFlow::key).collect(Collectors.toSet());
    assertFalse(changes.flowsToDelete().stream().anyMatch(added::contains), "a key both added and deleted would end up deleted");
    assertSame(after.merged(), afterApplying(before.merged(), changes));
  }

  @Test
  void aGroupIdReusedByAnotherNetworkIsModified() {
    DesiredTables before = DesiredTables.NONE.next(view(List.of(A1), List.of(NET_A)));
    // network A is gone from this datapath and a new network got A's VNI (and so its group ids)
    NetworkPlan sameVni = new NetworkPlan("net-z", 4096, false, List.of(new RemotePort("z2", "fa:16:3e:00:00:f2", List.of("10.7.0.2"), HV2)));
    LocalPort z1 = new LocalPort("z1", "net-z", 4, "fa:16:3e:00:00:f1", List.of("10.7.0.1"), true);
    DesiredTables after = before.next(view(List.of(z1), List.of(sameVni)));
    TableChanges changes = after.changesFrom(before);
    assertTrue(changes.groupsToAdd().isEmpty() && changes.groupsToDelete().isEmpty(), changes.toString());
    assertEquals(2, changes.groupsToModify().size());
    assertSame(after.merged(), afterApplying(before.merged(), changes));
  }

  /** What a node masters many times over (a remote port's flows on every datapath of its network) it holds once. */
  @Test
  void aFlowCompiledTwiceIsOneObject() {
    SwitchTables first = SwitchTables.desired(FlowCompiler.compile(BOTH));
    SwitchTables again = SwitchTables.desired(FlowCompiler.compile(BOTH));
    first.flows().forEach((key, flow) -> org.junit.jupiter.api.Assertions.assertSame(flow, again.flows().get(key), key.toString()));
    first.groups().forEach((id, group) -> org.junit.jupiter.api.Assertions.assertSame(group, again.groups().get(id)));
  }

  @Test
  void installedTablesFollowTheirBatchesAndRepairs() {
    SwitchTables compiled = SwitchTables.desired(FlowCompiler.compile(BOTH));
    InstalledTables installed = InstalledTables.of(SwitchTables.EMPTY);
    installed.apply(TableDiff.between(compiled, SwitchTables.EMPTY, true));
    assertSame(compiled, installed.snapshot());
    assertEquals(compiled.flows().size(), installed.flowCount());
    TableScope all = TableScope.WHOLE_DATAPATH;
    installed.replace(all, SwitchTables.EMPTY);
    assertEquals(0, installed.flowCount());
  }

  static final RouterLeg R1_A = new RouterLeg("net-a", 4096, "r1-a", "fa:16:3e:00:01:0a", "10.0.0.1", "10.0.0.0/24");
  static final String GATEWAY_MAC = "fa:16:3e:00:0e:01";

  /** a1's router r1 leaves through its gateway; with {@code carried}, this hypervisor is the gateway's second host. */
  static DatapathView withGateway(boolean carried) {
    List<GatewayHop> hops = new ArrayList<>(List.of(new GatewayHop.Peer("172.31.99.9", 7)));
    if (carried) hops.add(new GatewayHop.Here());
    List<GatewayPlan> gateways = carried ? List.of(new GatewayPlan("r1", 0xf000, GATEWAY_MAC, "203.0.113.10", true, 0x1100, 5, null, List.of(R1_A), List.of(),
        new GatewayGate(GatewayGate.GROUP_BASE + 0xf000, List.of(new GatewayHop.Peer("172.31.99.9", 7)), true))) : List.of();
    return new DatapathView("0000000000000001", "172.31.99.1", 1, List.of(A1), List.of(NET_A), List.of(),
        List.of(new RouterPlan("r1", List.of(R1_A), List.of(), new RouterExit(GATEWAY_MAC, RouterExit.GROUP_BASE + 1, hops))), Map.of(), gateways, List.of());
  }

  /** The always-live group is held by the router's part and the gateway's: one of them going or coming leaves it alone. */
  @Test
  void aGroupTwoPartsHoldIsNeitherDeletedWhileOneStillHoldsItNorAddedTwice() {
    DesiredTables routerOnly = DesiredTables.NONE.next(withGateway(false));
    DesiredTables both = routerOnly.next(withGateway(true));
    TableChanges taken = both.changesFrom(routerOnly);
    assertFalse(taken.groupsToAdd().stream().anyMatch(group -> group.groupId() == GroupEntry.ALWAYS_LIVE), "already installed: " + taken);
    TableChanges released = both.next(withGateway(false)).changesFrom(both);
    assertFalse(released.groupsToDelete().contains(GroupEntry.ALWAYS_LIVE), "the router's exit group still watches it: " + released);
    assertTrue(released.groupsToDelete().contains(GatewayGate.GROUP_BASE + 0xf000), released.toString());

    SwitchTables held = afterApplying(afterApplying(SwitchTables.EMPTY, routerOnly.changesFrom(DesiredTables.NONE)), taken);
    assertSame(SwitchTables.desired(FlowCompiler.compile(withGateway(true))), held);
    assertSame(SwitchTables.desired(FlowCompiler.compile(withGateway(false))), afterApplying(held, released));
    TableChanges gone = DesiredTables.NONE.next(view(List.of(A1), List.of(NET_A))).changesFrom(both.next(withGateway(false)));
    assertTrue(gone.groupsToDelete().contains(GroupEntry.ALWAYS_LIVE), "the last holder gone: " + gone);
  }

  private static SwitchTables afterApplying(SwitchTables held, TableChanges changes) {
    InstalledTables installed = InstalledTables.of(held);
    installed.apply(changes);
    return installed.snapshot();
  }

  /** Same places, cookies and instructions: what a switch would hold. */
  private static void assertSame(SwitchTables expected, SwitchTables actual) {
    assertEquals(expected.flows().keySet(), actual.flows().keySet());
    expected.flows().forEach((key, flow) -> assertTrue(flow.sameAs(actual.flows().get(key)), "flow differs at " + key));
    assertEquals(expected.groups().keySet(), actual.groups().keySet());
    expected.groups().forEach((id, group) -> assertTrue(group.sameAs(actual.groups().get(id)), "group differs: " + id));
  }
}
