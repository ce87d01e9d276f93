package io.tenet.switches.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
    List<SwitchGroup> groupsToAdd = new ArrayList<>();
    List<SwitchGroup> groupsToModify = new ArrayList<>();
    for (SwitchGroup group : sorted(desired.groups(), Comparator.comparingLong(SwitchGroup::groupId))) {
      SwitchGroup present = installed.groups().get(group.groupId());
      if (present == null) groupsToAdd.add(group);
      else if (pictureComplete && !present.sameAs(group)) groupsToModify.add(group);
    }
    List<SwitchFlow> flowsToAdd = new ArrayList<>();
    for (SwitchFlow flow : sorted(desired.flows(), ORDER)) {
      SwitchFlow present = installed.flows().get(flow.key());
      if (present == null || (pictureComplete && !present.sameAs(flow))) flowsToAdd.add(flow);
    }
    List<FlowKey> flowsToDelete = new ArrayList<>();
    List<Long> groupsToDelete = new ArrayList<>();
    if (pictureComplete) {
      for (SwitchFlow flow : sorted(installed.flows(), ORDER)) if (!desired.flows().containsKey(flow.key())) flowsToDelete.add(flow.key());
      for (SwitchGroup group : sorted(installed.groups(), Comparator.comparingLong(SwitchGroup::groupId))) {
        if (!desired.groups().containsKey(group.groupId())) groupsToDelete.add(group.groupId());
      }
    }
    return new TableChanges(groupsToAdd, groupsToModify, flowsToAdd, flowsToDelete, groupsToDelete);
  }

  /** A stable order makes the mods of equal inputs equal, which tests and logs rely on. */
  private static final Comparator<SwitchFlow> ORDER = Comparator.comparingInt((SwitchFlow f) -> f.key().tableId())
      .thenComparing(f -> -f.key().priority()).thenComparing(f -> f.key().match()).thenComparingLong(SwitchFlow::cookie);

  private static <T> List<T> sorted(Map<?, T> values, Comparator<T> order) {
    return values.values().stream().sorted(order).toList();
  }
}
