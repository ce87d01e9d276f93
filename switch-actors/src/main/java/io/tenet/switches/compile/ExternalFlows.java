package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Metadata;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An external network on a hypervisor carrying gateways on it. Frames from its physical network's
 * patch port belong to it when untagged (a flat network) or tagged with its VLAN (the tag is
 * removed here and pushed again on the way out); ARP answers from its hosts go to
 * the controller, which learns their MACs; a packet leaving for one of its addresses gets the
 * learned MAC, anything beyond the subnet the MAC of the subnet's gateway, and goes out of the
 * patch port (external_neighbor). An address not learned yet goes to the controller, which asks for it.
 */
final class ExternalFlows {
  /** OpenFlow 1.3 VLAN_VID of an untagged frame. */
  static final String UNTAGGED = "0x0000";

  private ExternalFlows() {}

  static Set<FlowEntry> flows(ExternalPlan external) {
    Set<FlowEntry> flows = new HashSet<>();
    Cookie cookie = Cookie.of(Cookie.Owner.NETWORK, external.networkId());
    Match arriving = Match.any().and(MatchField.IN_PORT, external.patchOfport()).and(MatchField.VLAN_VID, vlanVid(external.vlanId()));
    List<Action> classify = new ArrayList<>();
    if (external.vlanId() != null) classify.add(new Action.PopVlan());
    classify.add(new Action.WriteMetadata(external.vni(), Metadata.NETWORK_AND_ORIGIN_MASK));
    classify.add(Flows.gotoTable(Table.GATEWAY_GATE));
    flows.add(new FlowEntry(Table.CLASSIFY, Priority.EXACT, arriving, classify, cookie));
    flows.add(Flows.flow(Table.ARP_DHCP, Priority.SERVICE, Flows.network(external.vni()).and(MatchField.ETH_TYPE, Flows.ARP).and(MatchField.ARP_OP, 2),
        cookie, new Action.ToController()));
    Match leaving = Flows.network(external.vni()).and(MatchField.ETH_TYPE, Flows.IPV4);
    for (Map.Entry<String, String> neighbor : external.neighbors().entrySet()) {
      flows.add(new FlowEntry(Table.EXTERNAL_NEIGHBOR, Priority.EXACT, leaving.and(MatchField.IPV4_DST, neighbor.getKey()),
          out(external, Flows.set(MatchField.ETH_DST, neighbor.getValue())), cookie));
    }
    flows.add(Flows.flow(Table.EXTERNAL_NEIGHBOR, Priority.RESOLVE, leaving.and(MatchField.IPV4_DST, external.cidr()), cookie, new Action.ToController()));
    String nextHopMac = external.neighbors().get(external.nextHop());
    flows.add(nextHopMac == null ? Flows.flow(Table.EXTERNAL_NEIGHBOR, Priority.OFF_LINK, leaving, cookie, new Action.ToController())
        : new FlowEntry(Table.EXTERNAL_NEIGHBOR, Priority.OFF_LINK, leaving, out(external, Flows.set(MatchField.ETH_DST, nextHopMac)), cookie));
    return flows;
  }

  /** OpenFlow 1.3 VLAN_VID of the segment's frames: untagged, or OFPVID_PRESENT with the VLAN id. */
  static String vlanVid(Integer vlanId) {
    return vlanId == null ? UNTAGGED : "0x" + Integer.toHexString(0x1000 | vlanId);
  }

  /** The actions that put a frame on the segment: tagged if it is a VLAN, then out of the patch port. */
  private static List<Action> out(ExternalPlan external, Action... before) {
    List<Action> actions = new ArrayList<>(List.of(before));
    actions.addAll(tagFor(external.vlanId()));
    actions.add(new Action.Output(external.patchOfport()));
    return actions;
  }

  /** What tags a frame for the segment (nothing on a flat one). */
  static List<Action> tagFor(Integer vlanId) {
    return vlanId == null ? List.of() : List.of(new Action.PushVlan(), Flows.set(MatchField.VLAN_VID, vlanVid(vlanId)));
  }
}
