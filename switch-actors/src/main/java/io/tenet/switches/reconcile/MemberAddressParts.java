package io.tenet.switches.reconcile;

import io.tenet.switches.compile.AddressSlot;
import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.GroupPlan;
import io.tenet.switches.compile.MemberAddressClause;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.pipeline.Table;
import io.tenet.switches.reconcile.DesiredTables.Part;
import io.tenet.switches.reconcile.DesiredTables.PartGroup;
import io.tenet.switches.reconcile.DesiredTables.PartKey;
import io.tenet.switches.reconcile.DesiredTables.PartKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The member-address parts of a datapath's remote-group conjunctions, made from the ones before:
 * a group of parts per remote group and network, a part per address and rules table. An address's
 * flow in a table carries the conjunctions of every remote group named there that holds it
 * (overlapping ranges of two tenants, a port in two groups), so a change to one group's addresses
 * on one network recompiles those addresses there and in the other groups holding them: never
 * every address the datapath knows, however many tenants' groups its rules tables name.
 */
final class MemberAddressParts {
  /** What the parts of one remote group's addresses on one network are compiled from: the group's slots, and the addresses, sorted. */
  record Inputs(List<AddressSlot> slots, List<String> addresses) {}

  private final Map<PartKey, PartGroup> before;
  private final Map<String, List<AddressSlot>> slotsByGroup;
  private final Map<String, GroupPlan> groups;
  /** Each table's address lists of the groups with a slot there, by the part group they make. */
  private final Map<Table, Map<PartKey, List<String>>> listsIn = new HashMap<>();
  /** Where an address is held in a table, by part group: found once per table and address. */
  private final Map<Table, Map<String, List<PartKey>>> holders = new HashMap<>();

  private MemberAddressParts(Map<PartKey, PartGroup> before, Map<String, List<AddressSlot>> slotsByGroup, Map<String, GroupPlan> groups) {
    this.before = before;
    this.slotsByGroup = slotsByGroup;
    this.groups = groups;
    slotsByGroup.forEach((groupId, slots) -> {
      for (AddressSlot slot : slots) {
        Map<PartKey, List<String>> lists = listsIn.computeIfAbsent(slot.table(), t -> new HashMap<>());
        groups.get(groupId).addressesByNetwork().forEach((networkId, addresses) -> lists.put(keyOf(groupId, networkId), addresses));
      }
    });
  }

  /**
   * Puts into {@code next} the member-address groups of parts for the remote groups' slots
   * {@code slotsByGroup} and their addresses in {@code groups}, reusing those of {@code known}
   * (the groups of parts before; other kinds are passed over) wherever nothing they hold changed.
   */
  static void rebuild(Map<PartKey, PartGroup> known, Map<String, List<AddressSlot>> slotsByGroup, Map<String, GroupPlan> groups, Map<PartKey, PartGroup> next) {
    new MemberAddressParts(known, slotsByGroup, groups).into(next);
  }

  private void into(Map<PartKey, PartGroup> next) {
    Map<PartKey, Inputs> wanted = new HashMap<>();
    Set<PartKey> whole = new HashSet<>();
    Map<PartKey, Set<String>> redo = new HashMap<>();
    // addresses whose holders in a table may have changed: every group of parts holding one recompiles it
    Map<Table, Set<String>> touched = new HashMap<>();
    slotsByGroup.forEach((groupId, slots) -> groups.get(groupId).addressesByNetwork().forEach((networkId, addresses) -> {
      PartKey key = keyOf(groupId, networkId);
      wanted.put(key, new Inputs(slots, addresses));
      Inputs was = inputsOf(before.get(key));
      if (was == null || !was.slots().equals(slots)) {
        whole.add(key);
        touch(touched, slots, addresses);
        if (was != null) touch(touched, was.slots(), was.addresses());
      } else if (was.addresses() != addresses) {
        List<String> changed = symmetricDifference(was.addresses(), addresses);
        if (changed.isEmpty()) return;
        redo.computeIfAbsent(key, k -> new HashSet<>()).addAll(changed);
        touch(touched, slots, changed);
      }
    }));
    before.forEach((key, group) -> {
      if (key.kind() == PartKind.MEMBER_ADDRESSES && !wanted.containsKey(key)) touch(touched, inputsOf(group).slots(), inputsOf(group).addresses());
    });
    touched.forEach((table, addresses) -> locate(table, addresses).forEach((address, heldBy) -> {
      for (PartKey key : heldBy) if (!whole.contains(key)) redo.computeIfAbsent(key, k -> new HashSet<>()).add(address);
    }));
    wanted.forEach((key, inputs) -> {
      PartGroup was = before.get(key);
      Map<Object, Part> members = was == null ? Map.of() : was.members();
      if (whole.contains(key)) next.put(key, new PartGroup(inputs, compiled(inputs, inputs.addresses(), Map.of(), members)));
      else if (redo.containsKey(key)) next.put(key, new PartGroup(inputs, compiled(inputs, redo.get(key), members, members)));
      else next.put(key, new PartGroup(inputs, was.members())); // the new inputs, so that the next comparison finds the same list object
    });
  }

  /**
   * {@code kept} with the parts of {@code addresses} compiled again (those {@code inputs} hold, in
   * each slot; the others removed), each the part {@code known} had if its flow is the same.
   */
  private Map<Object, Part> compiled(Inputs inputs, Iterable<String> addresses, Map<Object, Part> kept, Map<Object, Part> known) {
    Map<Object, Part> next = new HashMap<>(kept);
    for (String address : addresses) {
      boolean held = Collections.binarySearch(inputs.addresses(), address) >= 0;
      for (AddressSlot slot : inputs.slots()) {
        MemberAddressClause clause = slot.clause(address);
        if (held) next.put(clause, sharedPart(known.get(clause), flow(slot, address)));
        else next.remove(clause);
      }
    }
    return Map.copyOf(next);
  }

  /** The address's flow in the slot's table: the conjunctions there of every group holding it. */
  private FlowEntry flow(AddressSlot slot, String address) {
    Set<String> holding = new LinkedHashSet<>();
    for (PartKey key : holdersOf(slot.table(), address)) holding.add(key.id());
    if (holding.size() == 1) return FlowCompiler.memberAddress(List.of(slot), address);
    List<AddressSlot> slots = new ArrayList<>();
    for (String groupId : holding) slots.add(slotIn(groupId, slot.table()));
    return FlowCompiler.memberAddress(slots, address);
  }

  private AddressSlot slotIn(String groupId, Table table) {
    for (AddressSlot slot : slotsByGroup.get(groupId)) if (slot.table() == table) return slot;
    throw new IllegalStateException("group " + groupId + " holds an address in " + table + " without a slot there");
  }

  private List<PartKey> holdersOf(Table table, String address) {
    return holders.computeIfAbsent(table, t -> new HashMap<>()).computeIfAbsent(address, a -> {
      List<PartKey> found = new ArrayList<>();
      listsIn.getOrDefault(table, Map.of()).forEach((key, addresses) -> {
        if (Collections.binarySearch(addresses, a) >= 0) found.add(key);
      });
      return found;
    });
  }

  /**
   * The holders of each of {@code addresses} in {@code table}: searched list by list for a few
   * addresses (a port joined), or found in one walk of the table's lists for many (a group new to
   * the datapath), whichever looks at fewer addresses.
   */
  private Map<String, List<PartKey>> locate(Table table, Set<String> addresses) {
    Map<PartKey, List<String>> lists = listsIn.getOrDefault(table, Map.of());
    Map<String, List<PartKey>> found = holders.computeIfAbsent(table, t -> new HashMap<>());
    long listed = 0;
    for (List<String> list : lists.values()) listed += list.size();
    if ((long) addresses.size() * lists.size() * 8 < listed) {
      for (String address : addresses) holdersOf(table, address);
    } else {
      Map<String, List<PartKey>> walked = new HashMap<>();
      for (String address : addresses) walked.put(address, new ArrayList<>());
      lists.forEach((key, list) -> {
        for (String address : list) {
          List<PartKey> heldBy = walked.get(address);
          if (heldBy != null) heldBy.add(key);
        }
      });
      found.putAll(walked);
    }
    Map<String, List<PartKey>> located = new HashMap<>();
    for (String address : addresses) located.put(address, found.get(address));
    return located;
  }

  private static void touch(Map<Table, Set<String>> touched, List<AddressSlot> slots, List<String> addresses) {
    for (AddressSlot slot : slots) touched.computeIfAbsent(slot.table(), t -> new HashSet<>()).addAll(addresses);
  }

  /** The addresses in one sorted list and not the other. */
  static List<String> symmetricDifference(List<String> one, List<String> other) {
    List<String> differ = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < one.size() || j < other.size()) {
      int order = i == one.size() ? 1 : j == other.size() ? -1 : one.get(i).compareTo(other.get(j));
      if (order < 0) differ.add(one.get(i++));
      else if (order > 0) differ.add(other.get(j++));
      else {
        i++;
        j++;
      }
    }
    return differ;
  }

  private static PartKey keyOf(String groupId, String networkId) {
    return new PartKey(PartKind.MEMBER_ADDRESSES, groupId, networkId);
  }

  private static Inputs inputsOf(PartGroup group) {
    return group == null ? null : (Inputs) group.inputs();
  }

  /** {@code known} if it is this flow's part (member address flows are built once per node), else the node's part for it. */
  private static Part sharedPart(Part known, FlowEntry flow) {
    return known != null && known.inputs() == flow ? known : SharedParts.of(flow, () -> new CompiledFlows(Set.of(flow), Set.of()));
  }
}
