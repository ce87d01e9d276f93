package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * l3_neighbor: a packet routed into a network gets the MAC of its destination IP, known from the
 * network's member list, so no ARP is ever sent on a router's behalf. Unknown addresses drop.
 */
final class NeighborFlows {
  private NeighborFlows() {}

  /** The entries of the network's local ports; a remote port's come with its other flows ({@link RemotePortFlows}). */
  static Set<FlowEntry> flows(NetworkPlan network, List<LocalPort> locals) {
    Set<FlowEntry> flows = new HashSet<>();
    for (LocalPort port : locals) {
      for (String ip : port.ips()) flows.add(neighbor(network, ip, port.mac(), port.portId()));
    }
    return flows;
  }

  static FlowEntry neighbor(NetworkPlan network, String ip, String mac, String portId) {
    return Flows.flow(Table.L3_NEIGHBOR, Priority.EXACT, Flows.network(network).and(MatchField.ETH_TYPE, Flows.IPV4).and(MatchField.IPV4_DST, ip),
        Cookie.of(Cookie.Owner.PORT, portId), Flows.set(MatchField.ETH_DST, mac), Flows.gotoTable(Table.L2_LOOKUP));
  }
}
