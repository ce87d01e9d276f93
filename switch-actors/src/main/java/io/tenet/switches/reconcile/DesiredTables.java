package io.tenet.switches.reconcile;

import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.ExternalPlan;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.GatewayPlan;
import io.tenet.switches.compile.GroupPlan;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemoteGroupLayout;
import io.tenet.switches.compile.RemotePort;
import io.tenet.switches.compile.RouterPlan;
import io.tenet.topology.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The desired tables of one datapath, kept as translated parts: two per network it serves (its
 * flood groups apart from the rest), one per network it only routes to, per router it routes for
 * and per filtered local port (its security groups), one for what the rules naming remote groups share (conjunctions of the filtered ports),
 * per external gateway it carries and per external network those reach, plus the pipeline's miss
 * flows. A network's ports on other hypervisors are a group of parts, one per port, and so are the
 * remote groups' member addresses, one per address. {@link #next} recompiles only the parts whose
 * inputs changed and {@link #changesFrom} diffs only those, so the cost of a change grows with what
 * it touches, not with how much the datapath serves: a port joining a network of any size, or a
 * remote group of any size, costs each datapath one small part (and a look at the changed group's
 * other members). Immutable; unchanged parts and groups are shared.
 */
public final class DesiredTables {
  private static final SwitchTables PIPELINE = SwitchTables.desired(FlowCompiler.pipeline());
  /** Before anything was compiled: what a switch holding nothing corresponds to. */
  public static final DesiredTables NONE = new DesiredTables(Map.of(), Map.of(), null);

  /** What a part, or a group of parts, is compiled for. */
  enum PartKind { NETWORK, FLOOD, ROUTED_NETWORK, REMOTE_PORTS, ROUTER, PORT_FILTER, REMOTE_GROUPS, MEMBER_ADDRESSES, GATEWAY, EXTERNAL_NETWORK }

  /** {@code id}: a network, router, port, gateway or group id; {@code within}: the network a group's member addresses are on, else empty. */
  record PartKey(PartKind kind, String id, String within) {
    PartKey(PartKind kind, String id) {
      this(kind, id, "");
    }

    // written out: every reconcile looks up every part by its key, and the generated record methods
    // (an identity hash for the enum, combined through method handles) were a third of a busy node's samples
    @Override
    public int hashCode() {
      return (31 * kind.ordinal() + id.hashCode()) * 31 + within.hashCode();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof PartKey that && kind == that.kind && id.equals(that.id) && within.equals(that.within);
    }
  }

  /**
   * What one served network's own flows (all but its flood groups and remote ports) are compiled
   * from: equal inputs compile to equal flows. Its remote ports count only where it has a layer-2
   * gateway (whose flows copy to the network's other hypervisors), and a plan kept from the view
   * before ({@code DerivedBefore}) is the same object: no port is looked at.
   */
  record NetworkInputs(NetworkPlan plan, List<LocalPort> localPorts, long tunnelOfport, boolean routed) {
    @Override
    public boolean equals(Object o) {
      return o instanceof NetworkInputs other && tunnelOfport == other.tunnelOfport && routed == other.routed && localPorts.equals(other.localPorts)
          && (plan == other.plan || sameOwnFlows(plan, other.plan) && (plan.bridge() == null || sameHypervisors(plan, other.plan)));
    }

    @Override
    public int hashCode() {
      return Objects.hash(plan.networkId(), localPorts, tunnelOfport, routed);
    }
  }

  /** What a served network's flood groups are compiled from: its local ports and the hypervisors of its remote ports. */
  record FloodInputs(NetworkPlan plan, List<LocalPort> localPorts, long tunnelOfport) {
    @Override
    public boolean equals(Object o) {
      return o instanceof FloodInputs other && tunnelOfport == other.tunnelOfport && localPorts.equals(other.localPorts)
          && (plan == other.plan || sameOwnFlows(plan, other.plan) && sameHypervisors(plan, other.plan));
    }

    @Override
    public int hashCode() {
      return Objects.hash(plan.networkId(), localPorts, tunnelOfport);
    }
  }

  private static boolean sameOwnFlows(NetworkPlan one, NetworkPlan other) {
    return one.networkId().equals(other.networkId()) && one.vni() == other.vni() && one.dhcp() == other.dhcp() && Objects.equals(one.bridge(), other.bridge());
  }

  private static boolean sameHypervisors(NetworkPlan one, NetworkPlan other) {
    return one.remotePorts() == other.remotePorts() || one.floodEndpoints().equals(other.floodEndpoints());
  }

  /** What the flows of a network's remote ports are compiled from, all of them and each one. */
  record RemotePortsInputs(int vni, List<RemotePort> ports, long tunnelOfport, boolean served, boolean routed) {}

  record RemotePortInputs(int vni, RemotePort port, long tunnelOfport, boolean served, boolean routed) {}

  /**
   * What the remote-group conjunctions are compiled from, and their layout (what they share, and
   * where each group's addresses go), reused while the layout's own inputs are equal.
   */
  record RemoteGroupInputs(Map<String, GroupPlan> groups, LayoutInputs layoutInputs, RemoteGroupLayout layout) {
    boolean sameSources(List<LocalPort> filtered, Map<String, GroupPlan> groupsNow) {
      return layoutInputs.filteredPorts().equals(filtered) && groups.equals(groupsNow);
    }
  }

  /**
   * What the conjunctions' layout reads: the filtered ports, every group's rules, and which groups
   * have members (a rule naming a group without any makes no conjunction). A member joining a
   * group that had some leaves it as it was.
   */
  record LayoutInputs(List<LocalPort> filteredPorts, Map<String, List<SecurityGroupRule>> rules, Set<String> withMembers) {
    static LayoutInputs of(List<LocalPort> filteredPorts, Map<String, GroupPlan> groups) {
      Set<String> withMembers = new HashSet<>();
      groups.forEach((groupId, group) -> {
        if (group.hasMembers()) withMembers.add(groupId);
      });
      return new LayoutInputs(filteredPorts, rulesOf(groups), withMembers);
    }
  }

  private static final PartKey CONJUNCTIONS = new PartKey(PartKind.REMOTE_GROUPS, "conjunctions");

  /** What a part was compiled from (inputs of a network, or the compiled flows themselves) and its translation. */
  record Part(Object inputs, SwitchTables tables) {}

  /**
   * Parts that come from one input ({@code members} by remote port id, or by member address
   * clause): equal inputs reuse the whole group without looking at its members. Members are
   * {@link SharedParts}: the same objects on every datapath that has them.
   */
  record PartGroup(Object inputs, Map<Object, Part> members) {}

  private final Map<PartKey, Part> parts;
  private final Map<PartKey, PartGroup> groups;
  /** The view these tables were compiled from: a datapath asks again with the same view after every batch it applied. */
  private final DatapathView compiledFrom;

  private DesiredTables(Map<PartKey, Part> parts, Map<PartKey, PartGroup> groups, DatapathView compiledFrom) {
    this.parts = parts;
    this.groups = groups;
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
    Map<PartKey, Part> nextParts = new HashMap<>();
    Map<PartKey, PartGroup> nextGroups = new HashMap<>();
    long tunnelOfport = view.tunnelOfport();
    for (NetworkPlan plan : view.networks()) {
      List<LocalPort> locals = localsByNetwork.getOrDefault(plan.networkId(), List.of());
      if (locals.isEmpty() && !plan.bridgedHere()) continue; // served only while a local port belongs to it, or it carries its layer-2 gateway
      boolean routed = view.routes(plan.networkId());
      List<LocalPort> localPorts = List.copyOf(locals);
      reuseOrCompile(parts, nextParts, new PartKey(PartKind.NETWORK, plan.networkId()), new NetworkInputs(plan, localPorts, tunnelOfport, routed),
          () -> FlowCompiler.networkCore(view, plan));
      reuseOrCompile(parts, nextParts, new PartKey(PartKind.FLOOD, plan.networkId()), new FloodInputs(plan, localPorts, tunnelOfport),
          () -> FlowCompiler.networkFlood(view, plan));
      remotePorts(nextGroups, plan, tunnelOfport, true, routed);
    }
    for (NetworkPlan plan : view.routedNetworks()) {
      boolean receives = view.gatewayReceives(plan.networkId());
      reuseOrCompile(parts, nextParts, new PartKey(PartKind.ROUTED_NETWORK, plan.networkId()), List.of(plan.networkId(), plan.vni(), receives),
          () -> FlowCompiler.routedNetworkCore(view, plan));
      remotePorts(nextGroups, plan, tunnelOfport, false, true);
    }
    for (GatewayPlan gateway : view.gateways()) {
      reuseOrCompile(parts, nextParts, new PartKey(PartKind.GATEWAY, gateway.routerId()), gateway, () -> FlowCompiler.gateway(gateway));
    }
    for (ExternalPlan external : view.externalNetworks()) {
      reuseOrCompile(parts, nextParts, new PartKey(PartKind.EXTERNAL_NETWORK, external.networkId()), external, () -> FlowCompiler.external(external));
    }
    for (LocalPort port : view.localPorts()) {
      if (!port.filtered()) continue;
      Map<String, GroupPlan> own = view.ownGroups(port);
      // a port's own filter reads its groups' rules, not their members: a port joining the network does not recompile it
      reuseOrCompile(parts, nextParts, new PartKey(PartKind.PORT_FILTER, port.portId()), List.of(port, rulesOf(own)), () -> FlowCompiler.portFilter(port, own));
    }
    List<LocalPort> filtered = view.filteredPorts();
    if (!filtered.isEmpty()) remoteGroups(nextParts, nextGroups, filtered, view.groupsOfFilteredPorts());
    for (RouterPlan router : view.routers()) {
      // a router's flows also depend on which of its networks have local ports and where next hops are: compared compiled
      CompiledFlows compiled = FlowCompiler.router(view, router);
      reuseOrCompile(parts, nextParts, new PartKey(PartKind.ROUTER, router.routerId()), compiled, () -> compiled);
    }
    return new DesiredTables(Map.copyOf(nextParts), Map.copyOf(nextGroups), view);
  }

  /** The group of parts of {@code plan}'s remote ports, one per port: a port joining or leaving compiles only its own. */
  private void remotePorts(Map<PartKey, PartGroup> nextGroups, NetworkPlan plan, long tunnelOfport, boolean served, boolean routed) {
    if (plan.remotePorts().isEmpty()) return;
    PartKey key = new PartKey(PartKind.REMOTE_PORTS, plan.networkId());
    RemotePortsInputs inputs = new RemotePortsInputs(plan.vni(), plan.remotePorts(), tunnelOfport, served, routed);
    reuseOrRebuild(nextGroups, key, inputs, before -> {
      Map<Object, Part> members = new HashMap<>();
      for (RemotePort port : plan.remotePorts()) {
        Part part = before.get(port.portId());
        RemotePortInputs portInputs = new RemotePortInputs(plan.vni(), port, tunnelOfport, served, routed);
        if (part == null || !part.inputs().equals(portInputs)) {
          part = SharedParts.of(portInputs, () -> FlowCompiler.remotePort(plan, port, tunnelOfport, served, routed));
        }
        members.put(port.portId(), part);
      }
      return members;
    });
  }

  /**
   * The group {@code key} for {@code inputs}: the known group, members and all, while its inputs are
   * equal; else the members {@code rebuild} makes, given the known group's members by their keys.
   */
  private void reuseOrRebuild(Map<PartKey, PartGroup> nextGroups, PartKey key, Object inputs, Function<Map<Object, Part>, Map<Object, Part>> rebuild) {
    PartGroup known = groups.get(key);
    if (known != null && known.inputs().equals(inputs)) {
      nextGroups.put(key, new PartGroup(inputs, known.members()));
      return;
    }
    nextGroups.put(key, new PartGroup(inputs, Map.copyOf(rebuild.apply(membersOf(known)))));
  }

  /**
   * The conjunctions' shared flows as one part, each member address's flow as a part of a group,
   * a group per remote group and network ({@link MemberAddressParts}): a member joining a network
   * recompiles its own address there, and that address in the other groups holding it; the shared
   * flows, recompiled, come out equal and are kept.
   */
  private void remoteGroups(Map<PartKey, Part> nextParts, Map<PartKey, PartGroup> nextGroups, List<LocalPort> filtered, Map<String, GroupPlan> groupsNow) {
    Part known = parts.get(CONJUNCTIONS);
    RemoteGroupInputs knownInputs = known == null ? null : (RemoteGroupInputs) known.inputs();
    if (knownInputs != null && knownInputs.sameSources(filtered, groupsNow)) {
      nextParts.put(CONJUNCTIONS, new Part(new RemoteGroupInputs(groupsNow, knownInputs.layoutInputs(), knownInputs.layout()), known.tables()));
      groups.forEach((key, group) -> {
        if (key.kind() == PartKind.MEMBER_ADDRESSES) nextGroups.put(key, group);
      });
      return;
    }
    LayoutInputs layoutInputs = LayoutInputs.of(filtered, groupsNow);
    boolean sameLayout = knownInputs != null && knownInputs.layoutInputs().equals(layoutInputs);
    RemoteGroupLayout layout = sameLayout ? knownInputs.layout() : FlowCompiler.remoteGroupLayout(filtered, groupsNow);
    SwitchTables shared = knownInputs != null && knownInputs.layout().shared().equals(layout.shared()) ? known.tables() : SwitchTables.desired(layout.shared());
    nextParts.put(CONJUNCTIONS, new Part(new RemoteGroupInputs(groupsNow, layoutInputs, layout), shared));
    MemberAddressParts.rebuild(groups, layout.slotsByGroup(), groupsNow, nextGroups);
  }

  private static Map<String, List<SecurityGroupRule>> rulesOf(Map<String, GroupPlan> groups) {
    Map<String, List<SecurityGroupRule>> rules = new HashMap<>();
    groups.forEach((groupId, group) -> rules.put(groupId, group.rules()));
    return rules;
  }

  /**
   * The known part if its inputs are equal, holding the new inputs if they are equal but another
   * object (so that the next comparison finds them identical and the old objects are let go).
   */
  private static <K> void reuseOrCompile(Map<K, Part> known, Map<K, Part> next, K key, Object inputs, Supplier<CompiledFlows> compile) {
    Part part = known.get(key);
    if (part != null && part.inputs() == inputs) next.put(key, part);
    else if (part != null && part.inputs().equals(inputs)) next.put(key, new Part(inputs, part.tables()));
    else next.put(key, new Part(inputs, SwitchTables.desired(compile.get())));
  }

  private static Map<Object, Part> membersOf(PartGroup group) {
    return group == null ? Map.of() : group.members();
  }

  private static <K> Set<K> union(Set<K> one, Set<K> other) {
    Set<K> all = new HashSet<>(one);
    all.addAll(other);
    return all;
  }

  /**
   * The mods that turn a switch holding exactly {@code previous} into one holding this: only the
   * parts that changed are compared. A flow that moves from one part to another (a port that
   * changed network, an OpenFlow port number reused) is replaced, not deleted after being added.
   */
  public TableChanges changesFrom(DesiredTables previous) {
    // a datapath reconciles on every tick and every answer; what it holds is usually exactly this
    if (previous == this && this != NONE) return TableChanges.NONE;
    List<TableChanges> changes = new ArrayList<>();
    if (previous == NONE) changes.add(TableDiff.between(PIPELINE, SwitchTables.EMPTY, true));
    if (parts != previous.parts) diffed(changes, parts, previous.parts);
    if (groups == previous.groups) return keepingShared(TableChanges.combined(changes), previous);
    for (PartKey key : union(groups.keySet(), previous.groups.keySet())) {
      // a group reused whole holds the same members map, whatever inputs it was last compared with
      Map<Object, Part> now = membersOf(groups.get(key));
      Map<Object, Part> before = membersOf(previous.groups.get(key));
      if (now != before) diffed(changes, now, before);
    }
    return keepingShared(TableChanges.combined(changes), previous);
  }

  private static <K> void diffed(List<TableChanges> changes, Map<K, Part> now, Map<K, Part> before) {
    now.forEach((key, part) -> {
      Part was = before.get(key);
      if (was == null || was.tables() != part.tables()) changes.add(TableDiff.between(part.tables(), was == null ? SwitchTables.EMPTY : was.tables(), true));
    });
    before.forEach((key, was) -> {
      if (!now.containsKey(key)) changes.add(TableDiff.between(SwitchTables.EMPTY, was.tables(), true));
    });
  }

  /**
   * Parts may hold the same flow or group (the always-live group of every fast-failover group): one
   * part letting it go does not delete it while another still holds it, and one part taking up a
   * group another already installed does not add it again (OVS refuses an ADD of an existing group).
   */
  private TableChanges keepingShared(TableChanges changes, DesiredTables previous) {
    if (changes.isEmpty()) return changes;
    // every part is looked at only for what a change adds or deletes: most changes (a port's flows, a flood group's buckets) do neither to groups
    Map<Long, SwitchGroup> groupsNow = changes.groupsToDelete().isEmpty() ? Map.of() : switchGroups();
    Map<Long, SwitchGroup> groupsBefore = changes.groupsToAdd().isEmpty() ? Map.of() : previous.switchGroups();
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
    Set<FlowKey> held = changes.flowsToDelete().isEmpty() ? Set.of() : heldKeys();
    List<FlowKey> flowsToDelete = changes.flowsToDelete().stream().filter(key -> !held.contains(key)).toList();
    return new TableChanges(groupsToAdd, groupsToModify, onceEach(changes.flowsToAdd()), flowsToDelete, groupsToDelete);
  }

  /** Flows two parts took up alike (an address two tenants' groups hold) are sent once. */
  private static List<SwitchFlow> onceEach(List<SwitchFlow> flows) {
    if (flows.size() < 2) return flows;
    Set<FlowKey> seen = new HashSet<>();
    List<SwitchFlow> once = new ArrayList<>(flows.size());
    for (SwitchFlow flow : flows) if (seen.add(flow.key())) once.add(flow);
    return once.size() == flows.size() ? flows : once;
  }

  /** The switch groups of every part; grouped parts (remote ports, member addresses) hold flows only. */
  private Map<Long, SwitchGroup> switchGroups() {
    Map<Long, SwitchGroup> all = new HashMap<>(PIPELINE.groups());
    for (Part part : parts.values()) all.putAll(part.tables().groups());
    return all;
  }

  /**
   * Every flow key some part holds. Built only for a change that deletes flows (most add): keeping
   * an index in every datapath's tables cost more memory than a port's own flows.
   */
  private Set<FlowKey> heldKeys() {
    Set<FlowKey> held = new HashSet<>(PIPELINE.flows().keySet());
    parts.values().forEach(part -> held.addAll(part.tables().flows().keySet()));
    groups.values().forEach(group -> group.members().values().forEach(part -> held.addAll(part.tables().flows().keySet())));
    return held;
  }

  /** Everything in one table, to diff against what a switch was read to hold. */
  public SwitchTables merged() {
    List<SwitchTables> all = new ArrayList<>();
    all.add(PIPELINE);
    parts.values().forEach(part -> all.add(part.tables()));
    groups.values().forEach(group -> group.members().values().forEach(part -> all.add(part.tables())));
    return SwitchTables.union(all);
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
