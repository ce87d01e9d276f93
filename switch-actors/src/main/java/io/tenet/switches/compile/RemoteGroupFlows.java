package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules that name a remote group, for all filtered ports of a datapath, as OpenFlow
 * conjunctions, so that a group of N members and R rules costs flows in N + R, not N x R. One
 * conjunction per direction, group S holding the rules and remote group G: a packet is allowed
 * when (1) its port is a local member of S, (2) its remote address is one of G's members and
 * (3) its protocol and ports are those of one of S's rules naming G. Clause (2) is one flow per
 * member address, shared by every conjunction naming G (and, for an address several groups hold,
 * by all of them), so a member joining or leaving changes one flow per direction; a rule changes
 * only clause (3); a port joining S changes only clause (1). Every flow here sits at one priority
 * below the plain rules, as OVS requires of the flows of one conjunction.
 */
final class RemoteGroupFlows {
  private static final int CLAUSES = 3;
  static final Cookie COOKIE = Cookie.of(Cookie.Owner.RULE, "remote-groups");

  private RemoteGroupFlows() {}

  /** What one conjunction needs: the ports of its group, the remote group, the protocol matches of its rules. */
  private record Conjunction(String name, boolean egress, String remoteGroupId, Set<LocalPort> ports, Set<Match> protocols) {}

  static Set<FlowEntry> flows(List<LocalPort> ports, Map<String, GroupPlan> groups) {
    RemoteGroupLayout layout = layout(ports, groups);
    Set<FlowEntry> flows = new HashSet<>(layout.shared().flows());
    // an address two remote groups named in one table hold gets the conjunctions of both
    Map<MemberAddressClause, List<AddressSlot>> holders = new HashMap<>();
    layout.slotsByGroup().forEach((groupId, slots) -> {
      for (String address : groups.get(groupId).memberAddresses()) {
        for (AddressSlot slot : slots) holders.computeIfAbsent(slot.clause(address), c -> new ArrayList<>()).add(slot);
      }
    });
    holders.forEach((clause, slots) -> flows.add(addressFlow(slots, clause.address())));
    return flows;
  }

  /**
   * The flow of one member address in one rules table: {@code slots} are the slots there of every
   * remote group holding the address, and packets from (or to) it get the second clause of all
   * their conjunctions. With one slot, the flow depends on that group alone.
   */
  static FlowEntry addressFlow(List<AddressSlot> slots, String address) {
    AddressSlot first = slots.get(0);
    if (slots.size() == 1) return AddressFlows.of(first.clause(address), first.conjunctions());
    Set<Action.Conjunction> all = new HashSet<>();
    for (AddressSlot slot : slots) {
      if (slot.table() != first.table()) throw new IllegalArgumentException("slots of one address flow must be in one table: " + slots);
      all.addAll(slot.conjunctions());
    }
    return AddressFlows.of(first.clause(address), ordered(all));
  }

  /** The conjunctions without their member addresses: the flows they share, and where each remote group's addresses go. */
  static RemoteGroupLayout layout(List<LocalPort> ports, Map<String, GroupPlan> groups) {
    Map<String, Conjunction> conjunctions = new TreeMap<>();
    for (LocalPort port : ports) {
      if (!port.filtered()) continue;
      for (String groupId : port.securityGroupIds()) {
        GroupPlan group = groups.get(groupId);
        if (group == null) continue;
        for (SecurityGroupRule rule : group.rules()) {
          GroupPlan remote = rule.remoteGroupId() == null ? null : groups.get(rule.remoteGroupId());
          if (remote == null || !remote.hasMembers() || !RuleMatches.appliesToIpv4(rule)) continue;
          boolean egress = rule.direction() == RuleDirection.EGRESS;
          List<Match> protocols = RuleMatches.protocol(Match.any().and(MatchField.ETH_TYPE, Flows.IPV4), rule);
          if (protocols.isEmpty()) continue;
          String name = (egress ? "egress " : "ingress ") + groupId + " from " + remote.groupId();
          Conjunction conjunction = conjunctions.computeIfAbsent(name, n -> new Conjunction(n, egress, remote.groupId(), new LinkedHashSet<>(), new LinkedHashSet<>()));
          conjunction.ports().add(port);
          conjunction.protocols().addAll(protocols);
        }
      }
    }
    Map<String, Long> ids = HashedIds.assign(conjunctions.keySet(), 0xffff_ffffL);
    Map<Table, Map<Match, Set<Action.Conjunction>>> clauses = new HashMap<>();
    Map<String, Map<Table, Set<Action.Conjunction>>> secondClauses = new TreeMap<>();
    Set<FlowEntry> flows = new HashSet<>();
    for (Conjunction conjunction : conjunctions.values()) {
      long id = ids.get(conjunction.name());
      Table table = conjunction.egress() ? Table.EGRESS_RULES : Table.INGRESS_RULES;
      Map<Match, Set<Action.Conjunction>> inTable = clauses.computeIfAbsent(table, t -> new HashMap<>());
      for (LocalPort port : conjunction.ports()) {
        add(inTable, conjunction.egress() ? AclFlows.sent(port) : AclFlows.received(port), new Action.Conjunction(id, 1, CLAUSES));
      }
      secondClauses.computeIfAbsent(conjunction.remoteGroupId(), g -> new TreeMap<>()).computeIfAbsent(table, t -> new HashSet<>())
          .add(new Action.Conjunction(id, 2, CLAUSES));
      for (Match protocol : conjunction.protocols()) add(inTable, protocol, new Action.Conjunction(id, 3, CLAUSES));
      flows.add(Flows.flow(table, Priority.RULE_CONJUNCTIVE, Match.any().and(MatchField.CONJ_ID, id).and(MatchField.ETH_TYPE, Flows.IPV4), COOKIE,
          AclFlows.allow(conjunction.egress()), Flows.gotoTable(AclFlows.verdictOf(conjunction.egress()))));
    }
    clauses.forEach((table, inTable) -> inTable.forEach((match, actions) -> flows.add(Flows.flow(table, Priority.RULE_CONJUNCTIVE, match, COOKIE,
        ordered(actions).toArray(Action[]::new)))));
    Map<String, List<AddressSlot>> slots = new HashMap<>();
    secondClauses.forEach((groupId, byTable) -> byTable.forEach((table, seconds) -> {
      MatchField remoteField = table == Table.EGRESS_RULES ? MatchField.IPV4_DST : MatchField.IPV4_SRC;
      slots.computeIfAbsent(groupId, g -> new ArrayList<>()).add(new AddressSlot(table, remoteField, ordered(seconds)));
    }));
    return new RemoteGroupLayout(new CompiledFlows(flows, Set.of()), slots);
  }

  private static List<Action.Conjunction> ordered(Set<Action.Conjunction> actions) {
    List<Action.Conjunction> ordered = new ArrayList<>(actions);
    ordered.sort(Comparator.comparingLong(Action.Conjunction::id).thenComparingInt(Action.Conjunction::clause));
    return List.copyOf(ordered);
  }

  private static void add(Map<Match, Set<Action.Conjunction>> inTable, Match match, Action.Conjunction conjunction) {
    inTable.computeIfAbsent(match, m -> new HashSet<>()).add(conjunction);
  }
}
