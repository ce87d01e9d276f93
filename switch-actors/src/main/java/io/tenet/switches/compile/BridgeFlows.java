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
 * A network bridged to a VLAN by a layer-2 gateway. On every datapath serving the network, a local
 * port's broadcast and its unicast to a MAC no flow knows are also copied to each gateway host,
 * with the bridge VNI as tunnel key; each host puts them through its outward gate, which passes
 * on the active host only, tagged onto the VLAN. On a host, the VLAN's frames go through the
 * inward gate (the same ranking) into the network as if sent by a local port, marked as from the
 * VLAN: they skip the ARP answers (the VMs answer), reach the network's ports here and elsewhere,
 * and never go back to a gateway host, so no frame loops between the VLAN and the overlay even if
 * two hosts' gates were open at once.
 */
final class BridgeFlows {
  private BridgeFlows() {}

  static CompiledFlows compiled(DatapathView view, NetworkPlan network) {
    BridgePlan bridge = network.bridge();
    Cookie cookie = Cookie.of(Cookie.Owner.NETWORK, network.networkId());
    Set<FlowEntry> flows = new HashSet<>();
    Set<GroupEntry> groups = new HashSet<>();
    flows.add(Flows.flow(Table.L2_LOOKUP, Priority.UNKNOWN_UNICAST, Flows.network(network, false), cookie, new Action.Group(bridge.bridgeFloodGroup())));
    groups.add(new GroupEntry(bridge.bridgeFloodGroup(), copiesForTheVlan(view, network), cookie));
    BridgeHostPlan here = bridge.here();
    if (here == null) return new CompiledFlows(flows, groups);

    Match fromVlan = Match.any().and(MatchField.METADATA, Metadata.masked(network.vni() | Metadata.FROM_PHYSICAL, Metadata.NETWORK_AND_ANY_ORIGIN_MASK));
    Match tagged = Match.any().and(MatchField.IN_PORT, here.patchOfport()).and(MatchField.VLAN_VID, ExternalFlows.vlanVid(here.vlanId()));
    flows.add(new FlowEntry(Table.CLASSIFY, Priority.EXACT, tagged, List.of(new Action.PopVlan(),
        new Action.WriteMetadata(network.vni() | Metadata.FROM_PHYSICAL, Metadata.NETWORK_AND_ANY_ORIGIN_MASK), Flows.gotoTable(Table.GATEWAY_GATE)), cookie));
    flows.add(Flows.flow(Table.CLASSIFY, Priority.EXACT, Match.any().and(MatchField.TUN_ID, "0x" + Integer.toHexString(bridge.bridgeVni())), cookie,
        new Action.WriteMetadata(network.vni() | Metadata.FROM_TUNNEL, Metadata.NETWORK_AND_ANY_ORIGIN_MASK), Flows.gotoTable(Table.GATEWAY_GATE)));
    flows.add(Flows.flow(Table.GATEWAY_GATE, Priority.EXACT, Match.any().and(MatchField.METADATA,
        Metadata.masked(network.vni() | Metadata.FROM_PHYSICAL, Metadata.VNI_MASK | Metadata.FROM_PHYSICAL)), cookie, new Action.Group(bridge.gateInGroup())));
    // the network's own frames: copies through the tunnel, or a local port's through the flood group
    flows.add(Flows.flow(Table.GATEWAY_GATE, Priority.EXACT, Match.any().and(MatchField.METADATA,
        Metadata.masked(network.vni(), Metadata.VNI_MASK | Metadata.FROM_PHYSICAL)), cookie, new Action.Group(bridge.gateOutGroup())));
    flows.add(Flows.flow(Table.ARP_DHCP, Priority.FROM_VLAN, fromVlan.and(MatchField.ETH_TYPE, Flows.ARP), cookie, Flows.gotoTable(Table.L2_LOOKUP)));
    flows.add(Flows.flow(Table.L2_LOOKUP, Priority.FLOOD + 1, fromVlan.and(MatchField.ETH_DST, Flows.MULTICAST_BIT), cookie,
        new Action.Group(bridge.physicalFloodGroup())));
    flows.add(Flows.flow(Table.L2_LOOKUP, Priority.UNKNOWN_UNICAST + 1, fromVlan, cookie));

    GatewayGate inward = new GatewayGate(bridge.gateInGroup(), here.rankedBefore(), here.armed());
    GatewayGate outward = new GatewayGate(bridge.gateOutGroup(), here.rankedBefore(), here.armed());
    groups.add(inward.group(List.of(new Action.Resubmit(Table.ARP_DHCP)), cookie));
    List<Action> ontoVlan = new ArrayList<>(ExternalFlows.tagFor(here.vlanId()));
    ontoVlan.add(new Action.Output(here.patchOfport()));
    groups.add(outward.group(ontoVlan, cookie));
    List<List<Action>> physicalFlood = new ArrayList<>();
    for (LocalPort port : view.portsOf(network.networkId())) physicalFlood.add(List.of(new Action.Output(port.ofport())));
    for (String endpoint : network.floodEndpoints()) physicalFlood.add(Flows.tunnelTo(network, endpoint, view.tunnelOfport()));
    groups.add(new GroupEntry(bridge.physicalFloodGroup(), physicalFlood, cookie));
    groups.add(GroupEntry.alwaysLive());
    return new CompiledFlows(flows, groups);
  }

  /**
   * The copies of a local port's frame meant for the VLAN, one bucket each: to every other gateway
   * host with the bridge VNI, and on a host through its own outward gate (table gateway_gate).
   */
  static List<List<Action>> copiesForTheVlan(DatapathView view, NetworkPlan network) {
    BridgePlan bridge = network.bridge();
    List<List<Action>> buckets = new ArrayList<>();
    for (String endpoint : bridge.hostEndpoints()) {
      buckets.add(List.of(Flows.set(MatchField.TUN_ID, "0x" + Integer.toHexString(bridge.bridgeVni())), Flows.set(MatchField.TUN_DST, endpoint),
          new Action.Output(view.tunnelOfport())));
    }
    if (bridge.here() != null) buckets.add(List.of(new Action.Resubmit(Table.GATEWAY_GATE)));
    return buckets;
  }
}
