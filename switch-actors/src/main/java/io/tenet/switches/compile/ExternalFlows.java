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
import java.util.Map;
import java.util.Set;

/**
 * An external network on a hypervisor carrying gateways on it. Untagged frames from its physical
 * network's patch port belong to it (classify, a flat network); ARP answers from its hosts go to
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
    flows.add(Flows.flow(Table.CLASSIFY, Priority.EXACT, Match.any().and(MatchField.IN_PORT, external.patchOfport()).and(MatchField.VLAN_VID, UNTAGGED),
        cookie, new Action.WriteMetadata(external.vni(), Metadata.NETWORK_AND_ORIGIN_MASK), Flows.gotoTable(Table.ARP_DHCP)));
    flows.add(Flows.flow(Table.ARP_DHCP, Priority.SERVICE, Flows.network(external.vni()).and(MatchField.ETH_TYPE, Flows.ARP).and(MatchField.ARP_OP, 2),
        cookie, new Action.ToController()));
    Match leaving = Flows.network(external.vni()).and(MatchField.ETH_TYPE, Flows.IPV4);
    for (Map.Entry<String, String> neighbor : external.neighbors().entrySet()) {
      flows.add(Flows.flow(Table.EXTERNAL_NEIGHBOR, Priority.EXACT, leaving.and(MatchField.IPV4_DST, neighbor.getKey()), cookie,
          Flows.set(MatchField.ETH_DST, neighbor.getValue()), new Action.Output(external.patchOfport())));
    }
    flows.add(Flows.flow(Table.EXTERNAL_NEIGHBOR, Priority.RESOLVE, leaving.and(MatchField.IPV4_DST, external.cidr()), cookie, new Action.ToController()));
    String nextHopMac = external.neighbors().get(external.nextHop());
    flows.add(nextHopMac == null ? Flows.flow(Table.EXTERNAL_NEIGHBOR, Priority.OFF_LINK, leaving, cookie, new Action.ToController())
        : Flows.flow(Table.EXTERNAL_NEIGHBOR, Priority.OFF_LINK, leaving, cookie, Flows.set(MatchField.ETH_DST, nextHopMac), new Action.Output(external.patchOfport())));
    return flows;
  }
}
