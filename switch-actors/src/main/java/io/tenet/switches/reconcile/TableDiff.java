package io.tenet.switches.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The difference between what a switch holds and what it should, as the mods that close it (pure).
 * {@code pictureComplete} is false while the controller does not yet know everything the switch
 * must serve (right after a restart, views arrive one by one). Then it only adds what the switch
 * lacks: a flow or group the switch holds with other contents is left as it is, because the
 * partial compilation may be the lesser of the two (an address flow shared by two groups carries
 * only the conjunctions of the group whose view came first). So nothing is removed or rewritten
 * for lack of knowledge, and traffic keeps flowing until the picture is complete.
 */
public final class TableDiff {
  private TableDiff() {}

  public static TableChanges between(SwitchTables desired, SwitchTables installed, boolean pictureComplete) {
    // only what differs is sorted: most diffs compare large tables that differ in a few entries
    List<SwitchGroup> groupsToAdd = new ArrayList<>();
    List<SwitchGroup> groupsToModify = new ArrayList<>();
    for (SwitchGroup group : desired.groups().values()) {
      SwitchGroup present = installed.groups().get(group.groupId());
      if (present == null) groupsToAdd.add(group);
      else if (pictureComplete && !present.sameAs(group)) groupsToModify.add(group);
    }
    List<SwitchFlow> flowsToAdd = new ArrayList<>();
    for (SwitchFlow flow : desired.flows().values()) {
      SwitchFlow present = installed.flows().get(flow.key());
      if (present == null || (pictureComplete && !present.sameAs(flow))) flowsToAdd.add(flow);
    }
    List<SwitchFlow> flowsToDelete = new ArrayList<>();
    List<Long> groupsToDelete = new ArrayList<>();
    if (pictureComplete) {
      for (SwitchFlow flow : installed.flows().values()) if (!desired.flows().containsKey(flow.key())) flowsToDelete.add(flow);
      for (SwitchGroup group : installed.groups().values()) if (!desired.groups().containsKey(group.groupId())) groupsToDelete.add(group.groupId());
    }
    groupsToAdd.sort(GROUP_ORDER);
    groupsToModify.sort(GROUP_ORDER);
    flowsToAdd.sort(ORDER);
    flowsToDelete.sort(ORDER);
    groupsToDelete.sort(Comparator.naturalOrder());
    return new TableChanges(groupsToAdd, groupsToModify, flowsToAdd, flowsToDelete.stream().map(SwitchFlow::key).toList(), groupsToDelete);
  }

  /** A stable order makes the mods of equal inputs equal, which tests and logs rely on. */
  private static final Comparator<SwitchFlow> ORDER = Comparator.comparingInt((SwitchFlow f) -> f.key().tableId())
      .thenComparing(f -> -f.key().priority()).thenComparing(f -> f.key().match()).thenComparingLong(SwitchFlow::cookie);

  private static final Comparator<SwitchGroup> GROUP_ORDER = Comparator.comparingLong(SwitchGroup::groupId);
}
