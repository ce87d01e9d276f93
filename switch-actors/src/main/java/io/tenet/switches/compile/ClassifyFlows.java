package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Metadata;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import java.util.HashSet;
import java.util.Set;

/**
 * classify: a packet from a VM port gets its network (the VNI, in metadata) and goes on to port
 * security; a packet from a tunnel is accepted only for a VNI this datapath serves, is marked
 * as from-tunnel and skips straight to l2_lookup (the sending side already checked it).
 */
final class ClassifyFlows {
  private ClassifyFlows() {}

  static Set<FlowEntry> flows(DatapathView view, NetworkPlan network) {
    Set<FlowEntry> flows = new HashSet<>();
    for (LocalPort port : view.portsOf(network.networkId())) {
      flows.add(Flows.flow(Table.CLASSIFY, Priority.EXACT, Match.any().and(MatchField.IN_PORT, port.ofport()), Cookie.of(Cookie.Owner.PORT, port.portId()),
          new Action.WriteMetadata(Flows.origin(network, false), Metadata.NETWORK_AND_ORIGIN_MASK), Flows.gotoTable(Table.PORT_SECURITY)));
    }
    flows.addAll(fromTunnel(view, network));
    return flows;
  }

  /**
   * Tunnel packets with the network's VNI are its packets, marked as from the tunnel, on to
   * l2_lookup. Any tunnel port: a peer with a BFD tunnel of its own ({@code PeerTunnels}) sends
   * through it; a packet from a VM or a physical network has no tunnel id.
   */
  static Set<FlowEntry> fromTunnel(DatapathView view, NetworkPlan network) {
    Match fromTunnel = Match.any().and(MatchField.TUN_ID, Flows.vni(network));
    return Set.of(Flows.flow(Table.CLASSIFY, Priority.EXACT, fromTunnel, Cookie.of(Cookie.Owner.NETWORK, network.networkId()),
        new Action.WriteMetadata(Flows.origin(network, true), Metadata.NETWORK_AND_ORIGIN_MASK), Flows.gotoTable(Table.L2_LOOKUP)));
  }
}
