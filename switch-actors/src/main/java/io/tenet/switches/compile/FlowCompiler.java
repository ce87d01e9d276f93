package io.tenet.switches.compile;

import java.util.Set;

/**
 * Desired flows and groups of a datapath, as a pure function of what it serves. One builder per
 * table concern; the result is computed per network, so a change to one network recompiles only
 * that network's share and the cost of a change grows with the change, not with the cloud.
 */
public final class FlowCompiler {
  private FlowCompiler() {}

  public static CompiledFlows compile(DatapathView view) {
    CompiledFlows all = pipeline();
    for (NetworkPlan network : view.networks()) all = all.plus(network(view, network));
    return all;
  }

  /** Flows that belong to no network: each table's miss. */
  public static CompiledFlows pipeline() {
    return new CompiledFlows(PipelineFlows.flows(), Set.of());
  }

  /** Everything one network needs on this datapath; empty when no local port belongs to it. */
  public static CompiledFlows network(DatapathView view, NetworkPlan network) {
    if (view.portsOf(network.networkId()).isEmpty()) return new CompiledFlows(Set.of(), Set.of());
    return new CompiledFlows(ClassifyFlows.flows(view, network), Set.of())
        .plus(new CompiledFlows(PortSecurityFlows.flows(view, network), Set.of()))
        .plus(new CompiledFlows(ArpDhcpFlows.flows(view, network), Set.of()))
        .plus(L2Flows.flows(view, network));
  }
}
