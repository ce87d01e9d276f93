package io.tenet.switches.reconcile;

import io.tenet.topology.dataplane.RepairReport;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The part of a switch's tables a repair may look at and touch: every flow and group, or those
 * of given cookies and group ids (one network's). Restricting both sides of a diff to a scope
 * leaves everything outside it alone.
 */
public record TableScope(String name, boolean everything, Set<Long> cookies, Set<Long> groupIds) {
  public static final TableScope WHOLE_DATAPATH = new TableScope(RepairReport.WHOLE_DATAPATH, true, Set.of(), Set.of());

  public TableScope {
    cookies = Set.copyOf(cookies);
    groupIds = Set.copyOf(groupIds);
  }

  public static TableScope of(String name, Set<Long> cookies, Set<Long> groupIds) {
    return new TableScope(name, false, cookies, groupIds);
  }

  /** Whether a repair of this scope may look at and touch the flow. */
  public boolean holds(SwitchFlow flow) {
    return everything || cookies.contains(flow.cookie());
  }

  /** Whether a repair of this scope may look at and touch the group. */
  public boolean holdsGroup(long groupId) {
    return everything || groupIds.contains(groupId);
  }

  public SwitchTables restrict(SwitchTables tables) {
    if (everything) return tables;
    Map<FlowKey, SwitchFlow> flows = new HashMap<>();
    tables.flows().forEach((key, flow) -> {
      if (holds(flow)) flows.put(key, flow);
    });
    Map<Long, SwitchGroup> groups = new HashMap<>();
    tables.groups().forEach((id, group) -> {
      if (holdsGroup(id)) groups.put(id, group);
    });
    return new SwitchTables(flows, groups);
  }
}
