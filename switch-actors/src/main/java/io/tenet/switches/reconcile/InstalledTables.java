package io.tenet.switches.reconcile;

import java.util.HashMap;
import java.util.Map;

/**
 * What one switch holds as its master knows it: read from the switch, then kept up to date with
 * every batch the switch confirmed. Changed in place, so a batch costs what it changes and not
 * what the switch holds; it belongs to the one actor that owns the connection and is never shared.
 */
public final class InstalledTables {
  private final FlowsByKey flows;
  private final Map<Long, SwitchGroup> groups;

  private InstalledTables(FlowsByKey flows, Map<Long, SwitchGroup> groups) {
    this.flows = flows;
    this.groups = groups;
  }

  public static InstalledTables of(SwitchTables read) {
    return new InstalledTables(new FlowsByKey(read.flows()), new HashMap<>(read.groups()));
  }

  /** The switch confirmed {@code changes} (their barrier came back). */
  public void apply(TableChanges changes) {
    changes.flowsToDelete().forEach(flows::remove);
    changes.flowsToAdd().forEach(flows::put);
    changes.groupsToDelete().forEach(groups::remove);
    changes.groupsToAdd().forEach(group -> groups.put(group.groupId(), group));
    changes.groupsToModify().forEach(group -> groups.put(group.groupId(), group));
  }

  /** The switch was read to hold {@code inScope} where {@code scope} reaches; the rest is as it was. */
  public void replace(TableScope scope, SwitchTables inScope) {
    flows.removeIf(scope::holds);
    groups.keySet().removeIf(scope::holdsGroup);
    inScope.flows().values().forEach(flows::put);
    groups.putAll(inScope.groups());
  }

  public boolean holds(FlowKey key) {
    return flows.containsKey(key);
  }

  public int flowCount() {
    return flows.size();
  }

  public int groupCount() {
    return groups.size();
  }

  /** A copy, for a whole-table diff or a repair. */
  public SwitchTables snapshot() {
    return new SwitchTables(flows.toMap(), groups);
  }
}
