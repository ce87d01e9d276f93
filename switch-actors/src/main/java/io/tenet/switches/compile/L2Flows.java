package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Metadata;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * l2_lookup and output: a local destination MAC picks its port (delivered by the output table
 * after ingress_acl), a remote one the tunnel to its hypervisor; broadcast and multicast go to
 * the network's flood group. A packet that came through a tunnel only reaches local ports. Unicast to
 * a remote port comes with its other flows ({@link RemotePortFlows}).
 */
final class L2Flows {
  private L2Flows() {}

  static CompiledFlows flows(DatapathView view, NetworkPlan network) {
    Set<FlowEntry> flows = new HashSet<>();
    List<LocalPort> locals = view.portsOf(network.networkId());
    for (LocalPort port : locals) {
      Cookie cookie = Cookie.of(Cookie.Owner.PORT, port.portId());
      for (String mac : macsOf(port.mac(), port.extraMacs())) {
        flows.add(Flows.flow(Table.L2_LOOKUP, Priority.EXACT, Flows.network(network).and(MatchField.ETH_DST, mac), cookie,
            new Action.WriteMetadata(Metadata.port(port.ofport()), Metadata.PORT_MASK), Flows.gotoTable(Table.INGRESS_ACL)));
      }
      Match toPort = Match.any().and(MatchField.METADATA, Metadata.masked(Metadata.port(port.ofport()), Metadata.PORT_MASK));
      flows.add(Flows.flow(Table.OUTPUT, Priority.EXACT, toPort, cookie, new Action.Output(port.ofport())));
    }
    return new CompiledFlows(flows, Set.of());
  }

  /**
   * The network's flood groups and the flows into them: every local port and, for packets from a
   * local port, every other hypervisor of the network (and the VLAN's copies). Apart from the
   * rest, as the only flows a port joining on a new hypervisor changes here.
   */
  static CompiledFlows flood(DatapathView view, NetworkPlan network) {
    List<LocalPort> locals = view.portsOf(network.networkId());
    Set<FlowEntry> flows = new HashSet<>();
    Cookie networkCookie = Cookie.of(Cookie.Owner.NETWORK, network.networkId());
    List<List<Action>> localBuckets = new ArrayList<>();
    for (LocalPort port : locals) localBuckets.add(List.of(new Action.Output(port.ofport())));
    List<List<Action>> allBuckets = new ArrayList<>(localBuckets);
    for (String endpoint : network.floodEndpoints()) allBuckets.add(Flows.tunnelTo(network, endpoint, view.tunnelOfport()));
    if (network.bridge() != null) allBuckets.addAll(BridgeFlows.copiesForTheVlan(view, network));
    Set<GroupEntry> groups = Set.of(
        new GroupEntry(Flows.floodGroup(network), allBuckets, networkCookie),
        new GroupEntry(Flows.localFloodGroup(network), localBuckets, networkCookie));
    flows.add(Flows.flow(Table.L2_LOOKUP, Priority.FLOOD, Flows.network(network, false).and(MatchField.ETH_DST, Flows.MULTICAST_BIT), networkCookie,
        new Action.Group(Flows.floodGroup(network))));
    flows.add(Flows.flow(Table.L2_LOOKUP, Priority.FLOOD, Flows.network(network, true).and(MatchField.ETH_DST, Flows.MULTICAST_BIT), networkCookie,
        new Action.Group(Flows.localFloodGroup(network))));
    return new CompiledFlows(flows, groups);
  }

  private static List<String> macsOf(String own, List<String> extra) {
    List<String> macs = new ArrayList<>();
    macs.add(own);
    macs.addAll(extra);
    return macs;
  }
}
