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

  public SwitchTables restrict(SwitchTables tables) {
    if (everything) return tables;
    Map<FlowKey, SwitchFlow> flows = new HashMap<>();
    tables.flows().forEach((key, flow) -> {
      if (cookies.contains(flow.cookie())) flows.put(key, flow);
    });
    Map<Long, SwitchGroup> groups = new HashMap<>();
    tables.groups().forEach((id, group) -> {
      if (groupIds.contains(id)) groups.put(id, group);
    });
    return new SwitchTables(flows, groups);
  }

  /** {@code tables} with this scope's part replaced by {@code inScope} (which holds only flows and groups of this scope). */
  public SwitchTables replace(SwitchTables tables, SwitchTables inScope) {
    if (everything) return inScope;
    Map<FlowKey, SwitchFlow> flows = new HashMap<>();
    tables.flows().forEach((key, flow) -> {
      if (!cookies.contains(flow.cookie())) flows.put(key, flow);
    });
    flows.putAll(inScope.flows());
    Map<Long, SwitchGroup> groups = new HashMap<>();
    tables.groups().forEach((id, group) -> {
      if (!groupIds.contains(id)) groups.put(id, group);
    });
    groups.putAll(inScope.groups());
    return new SwitchTables(flows, groups);
  }
}
