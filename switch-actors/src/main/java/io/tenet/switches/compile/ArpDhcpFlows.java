package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * arp_dhcp: an ARP request for any address of the network that the controller knows is answered
 * right here, so no ARP request crosses a tunnel; DHCP requests go to the controller's DHCP
 * service. Everything else continues. These are the local ports' answers; a remote port's come
 * with its other flows ({@link RemotePortFlows}).
 */
final class ArpDhcpFlows {
  private ArpDhcpFlows() {}

  static Set<FlowEntry> flows(DatapathView view, NetworkPlan network) {
    Set<FlowEntry> flows = new HashSet<>();
    for (LocalPort port : view.portsOf(network.networkId())) {
      for (String ip : port.ips()) flows.add(arpReply(network.vni(), port.mac(), ip, Cookie.of(Cookie.Owner.PORT, port.portId())));
    }
    if (network.dhcp()) {
      Match dhcp = Flows.network(network).and(MatchField.ETH_TYPE, Flows.IPV4).and(MatchField.IP_PROTO, Flows.UDP)
          .and(MatchField.UDP_SRC, 68).and(MatchField.UDP_DST, 67);
      flows.add(Flows.flow(Table.ARP_DHCP, Priority.SERVICE, dhcp, Cookie.of(Cookie.Owner.NETWORK, network.networkId()), new Action.ToController()));
    }
    return flows;
  }

  /** Turns the request into the reply in place and sends it back out of the port it came in on. */
  static FlowEntry arpReply(int vni, String mac, String ip, Cookie cookie) {
    return arpReply(vni, mac, ip, cookie, List.of());
  }

  /** The same, with {@code beforeOutput} (a VLAN tag that classify removed) applied before it goes back. */
  static FlowEntry arpReply(int vni, String mac, String ip, Cookie cookie, List<Action> beforeOutput) {
    Match request = Flows.network(vni).and(MatchField.ETH_TYPE, Flows.ARP).and(MatchField.ARP_OP, 1).and(MatchField.ARP_TPA, ip);
    List<Action> reply = List.of(
        new Action.Move("NXM_OF_ETH_SRC", "NXM_OF_ETH_DST"),
        Flows.set(MatchField.ETH_SRC, mac),
        Flows.set(MatchField.ARP_OP, 2),
        new Action.Move("NXM_NX_ARP_SHA", "NXM_NX_ARP_THA"),
        Flows.set(MatchField.ARP_SHA, mac),
        new Action.Move("NXM_OF_ARP_SPA", "NXM_OF_ARP_TPA"),
        Flows.set(MatchField.ARP_SPA, ip));
    List<Action> actions = new java.util.ArrayList<>(reply);
    actions.addAll(beforeOutput);
    actions.add(new Action.OutputInPort());
    return new FlowEntry(Table.ARP_DHCP, Priority.SERVICE, request, actions, cookie);
  }
}
