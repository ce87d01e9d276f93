package io.tenet.switches.reconcile;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The desired tables of one datapath, kept as one translated part per network it serves plus the
 * pipeline's miss flows. {@link #next} recompiles only the networks whose inputs changed and
 * {@link #changesFrom} diffs only those, so the cost of a change grows with the networks it
 * touches, not with how many the datapath serves. Immutable; unchanged parts are shared.
 */
public final class DesiredTables {
  private static final SwitchTables PIPELINE = SwitchTables.desired(FlowCompiler.pipeline());
  /** Before anything was compiled: what a switch holding nothing corresponds to. */
  public static final DesiredTables NONE = new DesiredTables(Map.of());

  /** What one network's flows are compiled from: equal inputs compile to equal flows. */
  record NetworkInputs(NetworkPlan plan, List<LocalPort> localPorts, long tunnelOfport) {}

  record NetworkTables(NetworkInputs inputs, SwitchTables tables) {}

  private final Map<String, NetworkTables> networks;

  private DesiredTables(Map<String, NetworkTables> networks) {
    this.networks = networks;
  }

  /**
   * The desired tables for {@code view}, reusing this one's part of every network whose inputs
   * are the same. A flow OpenFlow 1.3 cannot express fails here, before anything is sent.
   */
  public DesiredTables next(DatapathView view) {
    Map<String, List<LocalPort>> localsByNetwork = new HashMap<>();
    for (LocalPort port : view.localPorts()) localsByNetwork.computeIfAbsent(port.networkId(), id -> new ArrayList<>()).add(port);
    Map<String, NetworkTables> next = new HashMap<>();
    for (NetworkPlan plan : view.networks()) {
      List<LocalPort> locals = localsByNetwork.getOrDefault(plan.networkId(), List.of());
      if (locals.isEmpty()) continue; // served only while a local port belongs to it
      NetworkInputs inputs = new NetworkInputs(plan, List.copyOf(locals), view.tunnelOfport());
      NetworkTables known = networks.get(plan.networkId());
      next.put(plan.networkId(), known != null && known.inputs().equals(inputs) ? known
          : new NetworkTables(inputs, SwitchTables.desired(FlowCompiler.network(view, plan))));
    }
    return new DesiredTables(Map.copyOf(next));
  }

  /**
   * The mods that turn a switch holding exactly {@code previous} into one holding this: only the
   * networks whose part changed are compared. A flow that moves from one network's part to
   * another's (a port that changed network, an OpenFlow port number reused) is replaced, not
   * deleted after being added.
   */
  public TableChanges changesFrom(DesiredTables previous) {
    List<TableChanges> parts = new ArrayList<>();
    if (previous == NONE) parts.add(TableDiff.between(PIPELINE, SwitchTables.EMPTY, true));
    Set<String> touched = new HashSet<>(networks.keySet());
    touched.addAll(previous.networks.keySet());
    for (String networkId : touched) {
      NetworkTables now = networks.get(networkId);
      NetworkTables before = previous.networks.get(networkId);
      if (now == before) continue;
      parts.add(TableDiff.between(now == null ? SwitchTables.EMPTY : now.tables(), before == null ? SwitchTables.EMPTY : before.tables(), true));
    }
    return TableChanges.combined(parts);
  }

  /** Everything in one table, to diff against what a switch was read to hold. */
  public SwitchTables merged() {
    return SwitchTables.union(parts());
  }

  public int flowCount() {
    int count = PIPELINE.flows().size();
    for (NetworkTables network : networks.values()) count += network.tables().flows().size();
    return count;
  }

  /** The networks with a part here. */
  public Set<String> networkIds() {
    return networks.keySet();
  }

  private List<SwitchTables> parts() {
    List<SwitchTables> parts = new ArrayList<>();
    parts.add(PIPELINE);
    networks.values().forEach(network -> parts.add(network.tables()));
    return parts;
  }
}
