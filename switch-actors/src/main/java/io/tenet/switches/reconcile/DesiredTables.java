package io.tenet.switches.reconcile;

import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.ExternalPlan;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.GatewayPlan;
import io.tenet.switches.compile.GroupPlan;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RouterPlan;
import io.tenet.topology.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The desired tables of one datapath, kept as one translated part per network it serves, per
 * network it only routes to, per router it routes for and per filtered local port (its security
 * groups), one for the rules naming remote groups (conjunctions shared by the filtered ports), per
 * external gateway it carries and per external network those reach, plus the pipeline's miss flows.
 * {@link #next} recompiles only the parts whose inputs changed and {@link #changesFrom} diffs only
 * those, so the cost of a change grows with what it touches, not with how much the datapath
 * serves. Immutable; unchanged parts are shared.
 */
public final class DesiredTables {
  private static final SwitchTables PIPELINE = SwitchTables.desired(FlowCompiler.pipeline());
  /** Before anything was compiled: what a switch holding nothing corresponds to. */
  public static final DesiredTables NONE = new DesiredTables(Map.of(), null);

  /** What a part is compiled for. */
  enum PartKind { NETWORK, ROUTED_NETWORK, ROUTER, PORT_FILTER, REMOTE_GROUPS, GATEWAY, EXTERNAL_NETWORK }

  record PartKey(PartKind kind, String id) {}

  /** What one served network's flows are compiled from: equal inputs compile to equal flows. */
  record NetworkInputs(NetworkPlan plan, List<LocalPort> localPorts, long tunnelOfport, boolean routed) {}

  /** What a part was compiled from (inputs of a network, or the compiled flows themselves) and its translation. */
  record Part(Object inputs, SwitchTables tables) {}

  private final Map<PartKey, Part> parts;
  /** The view these tables were compiled from: a datapath asks again with the same view after every batch it applied. */
  private final DatapathView compiledFrom;

  private DesiredTables(Map<PartKey, Part> parts, DatapathView compiledFrom) {
    this.parts = parts;
    this.compiledFrom = compiledFrom;
  }

  /**
   * The desired tables for {@code view}, reusing this one's part of everything whose inputs are
   * the same. A flow OpenFlow 1.3 cannot express fails here, before anything is sent.
   */
  public DesiredTables next(DatapathView view) {
    if (view == compiledFrom) return this; // views are immutable: comparing every part's inputs would find them all equal
    Map<String, List<LocalPort>> localsByNetwork = new HashMap<>();
    for (LocalPort port : view.localPorts()) localsByNetwork.computeIfAbsent(port.networkId(), id -> new ArrayList<>()).add(port);
    Map<PartKey, Part> next = new HashMap<>();
    for (NetworkPlan plan : view.networks()) {
      List<LocalPort> locals = localsByNetwork.getOrDefault(plan.networkId(), List.of());
      if (locals.isEmpty() && !plan.bridgedHere()) continue; // served only while a local port belongs to it, or it carries its layer-2 gateway
      NetworkInputs inputs = new NetworkInputs(plan, List.copyOf(locals), view.tunnelOfport(), view.routes(plan.networkId()));
      reuseOrCompile(next, new PartKey(PartKind.NETWORK, plan.networkId()), inputs, () -> FlowCompiler.network(view, plan));
    }
    for (NetworkPlan plan : view.routedNetworks()) {
      reuseOrCompile(next, new PartKey(PartKind.ROUTED_NETWORK, plan.networkId()), List.of(plan, view.tunnelOfport(), view.gatewayReceives(plan.networkId())),
          () -> FlowCompiler.routedNetwork(view, plan));
    }
    for (GatewayPlan gateway : view.gateways()) {
      reuseOrCompile(next, new PartKey(PartKind.GATEWAY, gateway.routerId()), gateway, () -> FlowCompiler.gateway(gateway));
    }
    for (ExternalPlan external : view.externalNetworks()) {
      reuseOrCompile(next, new PartKey(PartKind.EXTERNAL_NETWORK, external.networkId()), external, () -> FlowCompiler.external(external));
    }
    for (LocalPort port : view.localPorts()) {
      if (!port.filtered()) continue;
      Map<String, GroupPlan> groups = view.ownGroups(port);
      // a port's own filter reads its groups' rules, not their members: a port joining the network does not recompile it
      reuseOrCompile(next, new PartKey(PartKind.PORT_FILTER, port.portId()), List.of(port, rulesOf(groups)), () -> FlowCompiler.portFilter(port, groups));
    }
    List<LocalPort> filtered = view.filteredPorts();
    if (!filtered.isEmpty()) {
      Map<String, GroupPlan> groups = view.groupsOfFilteredPorts();
      reuseOrCompile(next, new PartKey(PartKind.REMOTE_GROUPS, view.datapathId()), List.of(filtered, groups), () -> FlowCompiler.remoteGroups(filtered, groups));
    }
    for (RouterPlan router : view.routers()) {
      // a router's flows also depend on which of its networks have local ports and where next hops are: compared compiled
      CompiledFlows compiled = FlowCompiler.router(view, router);
      reuseOrCompile(next, new PartKey(PartKind.ROUTER, router.routerId()), compiled, () -> compiled);
    }
    return new DesiredTables(Map.copyOf(next), view);
  }

  private static Map<String, List<SecurityGroupRule>> rulesOf(Map<String, GroupPlan> groups) {
    Map<String, List<SecurityGroupRule>> rules = new HashMap<>();
    groups.forEach((groupId, group) -> rules.put(groupId, group.rules()));
    return rules;
  }

  private void reuseOrCompile(Map<PartKey, Part> next, PartKey key, Object inputs, Supplier<CompiledFlows> compile) {
    Part known = parts.get(key);
    next.put(key, known != null && known.inputs().equals(inputs) ? known : new Part(inputs, SwitchTables.desired(compile.get())));
  }

  /**
   * The mods that turn a switch holding exactly {@code previous} into one holding this: only the
   * parts that changed are compared. A flow that moves from one part to another (a port that
   * changed network, an OpenFlow port number reused) is replaced, not deleted after being added.
   */
  public TableChanges changesFrom(DesiredTables previous) {
    List<TableChanges> changes = new ArrayList<>();
    if (previous == NONE) changes.add(TableDiff.between(PIPELINE, SwitchTables.EMPTY, true));
    Set<PartKey> touched = new HashSet<>(parts.keySet());
    touched.addAll(previous.parts.keySet());
    for (PartKey key : touched) {
      Part now = parts.get(key);
      Part before = previous.parts.get(key);
      if (now == before) continue;
      changes.add(TableDiff.between(now == null ? SwitchTables.EMPTY : now.tables(), before == null ? SwitchTables.EMPTY : before.tables(), true));
    }
    return keepingShared(TableChanges.combined(changes), previous);
  }

  /**
   * Parts may hold the same flow or group (the always-live group of every fast-failover group): one
   * part letting it go does not delete it while another still holds it, and one part taking up a
   * group another already installed does not add it again (OVS refuses an ADD of an existing group).
   */
  private TableChanges keepingShared(TableChanges changes, DesiredTables previous) {
    if (changes.isEmpty()) return changes;
    // every part is looked at only for what a change adds or deletes: most changes (a port's flows, a flood group's buckets) do neither to groups
    Map<Long, SwitchGroup> groupsNow = changes.groupsToDelete().isEmpty() ? Map.of() : groups();
    Map<Long, SwitchGroup> groupsBefore = changes.groupsToAdd().isEmpty() ? Map.of() : previous.groups();
    List<SwitchGroup> groupsToAdd = new ArrayList<>();
    List<SwitchGroup> groupsToModify = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (SwitchGroup group : changes.groupsToAdd()) {
      if (!seen.add(group.groupId())) continue;
      SwitchGroup installed = groupsBefore.get(group.groupId());
      if (installed == null) groupsToAdd.add(group);
      else if (!installed.sameAs(group)) groupsToModify.add(group);
    }
    for (SwitchGroup group : changes.groupsToModify()) if (seen.add(group.groupId())) groupsToModify.add(group);
    List<Long> groupsToDelete = changes.groupsToDelete().stream().filter(id -> !groupsNow.containsKey(id)).distinct().toList();
    List<FlowKey> flowsToDelete = changes.flowsToDelete().stream().filter(key -> !holds(key)).toList();
    return new TableChanges(groupsToAdd, groupsToModify, changes.flowsToAdd(), flowsToDelete, groupsToDelete);
  }

  private Map<Long, SwitchGroup> groups() {
    Map<Long, SwitchGroup> groups = new HashMap<>(PIPELINE.groups());
    for (Part part : parts.values()) groups.putAll(part.tables().groups());
    return groups;
  }

  private boolean holds(FlowKey key) {
    if (PIPELINE.flows().containsKey(key)) return true;
    for (Part part : parts.values()) if (part.tables().flows().containsKey(key)) return true;
    return false;
  }

  /** Everything in one table, to diff against what a switch was read to hold. */
  public SwitchTables merged() {
    List<SwitchTables> all = new ArrayList<>();
    all.add(PIPELINE);
    parts.values().forEach(part -> all.add(part.tables()));
    return SwitchTables.union(all);
  }

  public int flowCount() {
    int count = PIPELINE.flows().size();
    for (Part part : parts.values()) count += part.tables().flows().size();
    return count;
  }

  /** The served networks with a part here. */
  public Set<String> networkIds() {
    Set<String> ids = new HashSet<>();
    parts.keySet().forEach(key -> {
      if (key.kind() == PartKind.NETWORK) ids.add(key.id());
    });
    return ids;
  }
}
