package io.tenet.switches.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.flow.Cookie;
import io.tenet.switches.reconcile.FlowKey;
import io.tenet.switches.reconcile.InstalledTables;
import io.tenet.switches.reconcile.SwitchFlow;
import io.tenet.switches.reconcile.SwitchTables;
import io.tenet.switches.reconcile.TableChanges;
import io.tenet.switches.reconcile.TableDiff;
import io.tenet.switches.reconcile.TableScope;
import io.tenet.topology.dataplane.RepairCount;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkFootprintTest {
  private final SwitchTables hv1 = SwitchTables.desired(FlowCompiler.compile(FlowCompilerTest.HV1));
  private final TableScope netA = NetworkFootprint.of(FlowCompilerTest.HV1, "net-a");
  private final TableScope netB = NetworkFootprint.of(FlowCompilerTest.HV1, "net-b");

  @Test
  void everyCompiledFlowIsThePipelinesOrExactlyOneNetworks() {
    long pipeline = Cookie.pipeline().value();
    for (SwitchFlow flow : hv1.flows().values()) {
      int owners = (netA.cookies().contains(flow.cookie()) ? 1 : 0) + (netB.cookies().contains(flow.cookie()) ? 1 : 0);
      assertEquals(flow.cookie() == pipeline ? 0 : 1, owners, "flow " + flow.key() + " cookie 0x" + Long.toHexString(flow.cookie()));
    }
    Set<Long> groups = new HashSet<>(netA.groupIds());
    groups.addAll(netB.groupIds());
    assertEquals(hv1.groups().keySet(), groups, "each group is one network's");
  }

  @Test
  void aNetworksFootprintHoldsItsLocalAndRemotePortsFlowsAndItsFloodGroups() {
    assertTrue(netA.cookies().containsAll(Set.of(Cookie.of(Cookie.Owner.NETWORK, "net-a").value(), Cookie.of(Cookie.Owner.PORT, "a1").value(),
        Cookie.of(Cookie.Owner.PORT, "a2").value(), Cookie.of(Cookie.Owner.PORT, "a3").value())));
    assertFalse(netA.cookies().contains(Cookie.of(Cookie.Owner.PORT, "b1").value()));
    assertEquals(Set.of(4096L << 1, (4096L << 1) | 1), netA.groupIds());
  }

  @Test
  void repairingOneNetworkSendsOnlyItsFlowsAndLeavesTheOthersDriftAlone() {
    // by hand: two of net-a's flows and one of net-b's deleted, one of net-b's changed to another cookie
    Map<FlowKey, SwitchFlow> onSwitch = new HashMap<>(hv1.flows());
    var netAFlows = netA.restrict(hv1).flows().keySet().stream().sorted(java.util.Comparator.comparing(FlowKey::toString)).limit(2).toList();
    netAFlows.forEach(onSwitch::remove);
    FlowKey netBGone = netB.restrict(hv1).flows().keySet().iterator().next();
    onSwitch.remove(netBGone);
    SwitchTables drifted = new SwitchTables(onSwitch, hv1.groups());

    TableChanges changes = TableDiff.between(netA.restrict(hv1), netA.restrict(drifted), true);
    assertEquals(Set.copyOf(netAFlows), Set.copyOf(changes.flowsToAdd().stream().map(SwitchFlow::key).toList()));
    assertTrue(changes.flowsToDelete().isEmpty() && changes.groupsToAdd().isEmpty());
    assertEquals(new RepairCount(2, 0, 0, 0, 0, 0), changes.countAgainst(netA.restrict(drifted)));

    // the bookkeeping after the repair: net-a whole again, net-b's missing flow still missing
    InstalledTables installed = InstalledTables.of(drifted);
    installed.replace(netA, netA.restrict(drifted).after(changes));
    SwitchTables after = installed.snapshot();
    assertTrue(after.flows().keySet().containsAll(netAFlows));
    assertFalse(after.flows().containsKey(netBGone));
    assertEquals(hv1.flows().size() - 1, after.flows().size());
  }

  @Test
  void theWholeDatapathScopeIsEverything() {
    assertEquals(hv1, TableScope.WHOLE_DATAPATH.restrict(hv1));
    InstalledTables installed = InstalledTables.of(hv1);
    installed.replace(TableScope.WHOLE_DATAPATH, SwitchTables.EMPTY);
    assertEquals(SwitchTables.EMPTY, installed.snapshot());
  }

  @Test
  void aCorrectedFlowIsCountedApartFromARestoredOne() {
    FlowKey key = netB.restrict(hv1).flows().keySet().iterator().next();
    SwitchFlow right = hv1.flows().get(key);
    Map<FlowKey, SwitchFlow> onSwitch = new HashMap<>(hv1.flows());
    onSwitch.put(key, new SwitchFlow(key, right.cookie() + 1, right.instructions()));
    SwitchTables found = new SwitchTables(onSwitch, hv1.groups());
    assertEquals(new RepairCount(0, 1, 0, 0, 0, 0), TableDiff.between(hv1, found, true).countAgainst(found));
  }
}
