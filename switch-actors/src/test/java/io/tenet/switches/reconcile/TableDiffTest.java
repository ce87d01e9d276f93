package io.tenet.switches.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.GroupPlan;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A controller that restarts learns what a switch serves one view at a time. Until it has them
 * all, its compiled tables are a part of the truth: they may lack whole flows, and they may hold
 * a lesser version of a flow the switch has right (an address flow shared by two tenants' groups
 * carries the conjunctions of only the group whose view came first).
 */
class TableDiffTest {
  static final String HV2 = "172.31.99.2";

  /** Two tenants with the same addresses, each port in its tenant's default group (ingress from the group's members). */
  static DatapathView twoTenants(String... knownGroups) {
    NetworkPlan netA = new NetworkPlan("net-a", 4096, true, List.of(new RemotePort("a2", "fa:16:3e:00:00:a2", List.of("10.0.0.4"), HV2)));
    NetworkPlan netB = new NetworkPlan("net-b", 4097, true, List.of(new RemotePort("b2", "fa:16:3e:00:00:b2", List.of("10.0.0.4"), HV2)));
    LocalPort a1 = new LocalPort("a1", "net-a", 2, "fa:16:3e:00:00:a1", List.of("10.0.0.3"), true, List.of(), List.of("default-a"));
    LocalPort b1 = new LocalPort("b1", "net-b", 3, "fa:16:3e:00:00:b1", List.of("10.0.0.3"), true, List.of(), List.of("default-b"));
    Map<String, GroupPlan> all = Map.of("default-a", defaultGroup("default-a"), "default-b", defaultGroup("default-b"));
    Map<String, GroupPlan> known = new java.util.HashMap<>();
    for (String id : knownGroups) known.put(id, all.get(id));
    return new DatapathView("0000000000000001", "172.31.99.1", 1, List.of(a1, b1), List.of(netA, netB), List.of(), List.of(), known);
  }

  static GroupPlan defaultGroup(String id) {
    return new GroupPlan(id, List.of(new SecurityGroupRule(id + "-in", RuleDirection.INGRESS, "IPv4", null, null, null, null, id, ""),
        new SecurityGroupRule(id + "-out", RuleDirection.EGRESS, "IPv4", null, null, null, null, null, "")), List.of("10.0.0.3", "10.0.0.4"));
  }

  @Test
  void withTheWholePictureEveryDifferenceIsClosed() {
    SwitchTables installed = SwitchTables.desired(FlowCompiler.compile(twoTenants("default-a", "default-b")));
    SwitchTables onlyB = SwitchTables.desired(FlowCompiler.compile(twoTenants("default-b")));
    TableChanges changes = TableDiff.between(onlyB, installed, true);
    assertFalse(changes.flowsToDelete().isEmpty(), "group A's flows go when group A is really gone");
    assertFalse(changes.flowsToAdd().isEmpty(), "the shared address flows lose group A's conjunctions");
  }

  /** The restart that lost pings: group B's view came first, and the shared flows lost tenant A's conjunctions for a moment. */
  @Test
  void withPartOfThePictureAFlowPresentIsLeftAsItIs() {
    SwitchTables installed = SwitchTables.desired(FlowCompiler.compile(twoTenants("default-a", "default-b")));
    SwitchTables onlyB = SwitchTables.desired(FlowCompiler.compile(twoTenants("default-b")));
    long lesser = onlyB.flows().entrySet().stream()
        .filter(e -> installed.flows().containsKey(e.getKey()) && !installed.flows().get(e.getKey()).sameAs(e.getValue())).count();
    assertTrue(lesser > 0, "the partial compilation holds a lesser version of some installed flow");

    TableChanges changes = TableDiff.between(onlyB, installed, false);
    assertTrue(changes.isEmpty(), "nothing the switch holds is removed or rewritten for lack of knowledge: " + changes);
  }

  @Test
  void withPartOfThePictureWhatIsMissingIsAdded() {
    SwitchTables partial = SwitchTables.desired(FlowCompiler.compile(twoTenants("default-b")));
    TableChanges changes = TableDiff.between(partial, SwitchTables.EMPTY, false);
    assertEquals(partial.flows().size(), changes.flowsToAdd().size());
    assertEquals(partial.groups().size(), changes.groupsToAdd().size());
  }
}
