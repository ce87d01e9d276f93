package io.tenet.switches.openflow;

import io.tenet.topology.metrics.NodeMetrics;

/** Where a switch connection reports what it sends, for the node's metrics. */
@FunctionalInterface
public interface OpenFlowCounters {
  OpenFlowCounters NONE = (flowMods, groupMods) -> {};

  /** One batch went out: this many flow-mods and group-mods, then one barrier. */
  void batchSent(int flowMods, int groupMods);

  static OpenFlowCounters of(NodeMetrics metrics) {
    return (flowMods, groupMods) -> {
      metrics.flowModsSent().add(flowMods);
      metrics.groupModsSent().add(groupMods);
      metrics.barriersSent().inc();
    };
  }
}
