package io.tenet.switches.reconcile;

import io.tenet.switches.openflow.FlowMod;
import io.tenet.switches.openflow.GroupMod;
import io.tenet.switches.openflow.TableMod;
import io.tenet.topology.dataplane.RepairCount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What must be sent to make a switch hold the desired tables, in the order it must go: groups
 * before the flows that point at them, flow deletions before the group deletions (OVS removes the
 * flows that still point at a deleted group). An ADD of an existing key replaces that flow.
 */
public record TableChanges(List<SwitchGroup> groupsToAdd, List<SwitchGroup> groupsToModify, List<SwitchFlow> flowsToAdd,
    List<FlowKey> flowsToDelete, List<Long> groupsToDelete) {
  public static final TableChanges NONE = new TableChanges(List.of(), List.of(), List.of(), List.of(), List.of());

  public TableChanges {
    groupsToAdd = List.copyOf(groupsToAdd);
    groupsToModify = List.copyOf(groupsToModify);
    flowsToAdd = List.copyOf(flowsToAdd);
    flowsToDelete = List.copyOf(flowsToDelete);
    groupsToDelete = List.copyOf(groupsToDelete);
  }

  /**
   * Several parts' changes as one batch. A flow one part deletes and another adds (same table,
   * priority and match) is only added, since an ADD replaces; a group one part deletes and another
   * adds (a reused id) is modified instead.
   */
  public static TableChanges combined(List<TableChanges> parts) {
    if (parts.size() == 1) return parts.get(0);
    List<SwitchGroup> groupsToAdd = new ArrayList<>();
    List<SwitchGroup> groupsToModify = new ArrayList<>();
    List<SwitchFlow> flowsToAdd = new ArrayList<>();
    List<FlowKey> flowsToDelete = new ArrayList<>();
    List<Long> groupsToDelete = new ArrayList<>();
    for (TableChanges part : parts) {
      groupsToAdd.addAll(part.groupsToAdd);
      groupsToModify.addAll(part.groupsToModify);
      flowsToAdd.addAll(part.flowsToAdd);
      flowsToDelete.addAll(part.flowsToDelete);
      groupsToDelete.addAll(part.groupsToDelete);
    }
    Set<FlowKey> added = new HashSet<>();
    flowsToAdd.forEach(flow -> added.add(flow.key()));
    flowsToDelete.removeIf(added::contains);
    Set<Long> deletedGroups = new HashSet<>(groupsToDelete);
    List<SwitchGroup> reused = groupsToAdd.stream().filter(group -> deletedGroups.contains(group.groupId())).toList();
    groupsToAdd.removeAll(reused);
    groupsToModify.addAll(reused);
    reused.forEach(group -> groupsToDelete.remove(Long.valueOf(group.groupId())));
    return new TableChanges(groupsToAdd, groupsToModify, flowsToAdd, flowsToDelete, groupsToDelete);
  }

  /** These changes, computed against {@code found}, split into what was missing and what was wrong there. */
  public RepairCount countAgainst(SwitchTables found) {
    return count(found.flows()::containsKey);
  }

  /** As {@link #countAgainst(SwitchTables)}, against what the master knows the switch holds. */
  public RepairCount countAgainst(InstalledTables installed) {
    return count(installed::holds);
  }

  private RepairCount count(Predicate<FlowKey> present) {
    int restored = 0;
    int corrected = 0;
    for (SwitchFlow flow : flowsToAdd) {
      if (present.test(flow.key())) corrected++;
      else restored++;
    }
    return new RepairCount(restored, corrected, flowsToDelete.size(), groupsToAdd.size(), groupsToModify.size(), groupsToDelete.size());
  }

  /** Nothing deleted: safe to send even while the controller does not know everything the switch serves. */
  public boolean removesNothing() {
    return flowsToDelete.isEmpty() && groupsToDelete.isEmpty();
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /** Number of flow- and group-mods. */
  public int size() {
    return groupsToAdd.size() + groupsToModify.size() + flowsToAdd.size() + flowsToDelete.size() + groupsToDelete.size();
  }

  /** The mods in sending order, without xids (the connection numbers them). */
  public List<TableMod> messages() {
    List<TableMod> messages = new ArrayList<>();
    for (SwitchGroup g : groupsToAdd) messages.add(new GroupMod(GroupMod.Command.ADD, g.groupId(), g.type(), g.buckets()));
    for (SwitchGroup g : groupsToModify) messages.add(new GroupMod(GroupMod.Command.MODIFY, g.groupId(), g.type(), g.buckets()));
    for (SwitchFlow f : flowsToAdd) messages.add(FlowMod.add(f.key().tableId(), f.key().priority(), f.cookie(), f.key().match(), f.instructions()));
    for (FlowKey k : flowsToDelete) messages.add(FlowMod.deleteStrict(k.tableId(), k.priority(), k.match()));
    for (long id : groupsToDelete) messages.add(new GroupMod(GroupMod.Command.DELETE, id, SwitchTables.GROUP_TYPE_ALL, new byte[0]));
    return messages;
  }

  @Override
  public String toString() {
    return "+" + groupsToAdd.size() + " ~" + groupsToModify.size() + " -" + groupsToDelete.size() + " groups, +"
        + flowsToAdd.size() + " -" + flowsToDelete.size() + " flows";
  }
}
