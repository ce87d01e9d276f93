package io.tenet.switches.compile;

import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import io.tenet.topology.model.AddressPair;
import java.util.HashSet;
import java.util.Set;

/**
 * port_sec: a port may send IPv4 only from its own MAC and IPs, ARP only with its own sha/spa,
 * and a DHCP request from 0.0.0.0 while it has no address yet; each allowed address pair adds its
 * address or CIDR, with the pair's MAC or the port's own. Anything else is dropped by the table's
 * miss. A port with port security off passes everything.
 */
final class PortSecurityFlows {
  private PortSecurityFlows() {}

  static Set<FlowEntry> flows(DatapathView view, NetworkPlan network) {
    Set<FlowEntry> flows = new HashSet<>();
    for (LocalPort port : view.portsOf(network.networkId())) {
      Cookie cookie = Cookie.of(Cookie.Owner.PORT, port.portId());
      Match fromPort = Match.any().and(MatchField.IN_PORT, port.ofport());
      if (!port.portSecurity()) {
        flows.add(Flows.flow(Table.PORT_SECURITY, Priority.ALLOW, fromPort, cookie, Flows.gotoTable(Table.EGRESS_ACL)));
        continue;
      }
      Match ownMac = fromPort.and(MatchField.ETH_SRC, port.mac());
      for (String ip : port.ips()) {
        flows.add(Flows.flow(Table.PORT_SECURITY, Priority.EXACT, ownMac.and(MatchField.ETH_TYPE, Flows.IPV4).and(MatchField.IPV4_SRC, ip), cookie,
            Flows.gotoTable(Table.EGRESS_ACL)));
        flows.add(Flows.flow(Table.PORT_SECURITY, Priority.EXACT,
            ownMac.and(MatchField.ETH_TYPE, Flows.ARP).and(MatchField.ARP_SHA, port.mac()).and(MatchField.ARP_SPA, ip), cookie,
            Flows.gotoTable(Table.EGRESS_ACL)));
      }
      for (AddressPair pair : port.allowedAddressPairs()) {
        String mac = pair.macAddress() == null ? port.mac() : pair.macAddress();
        Match pairMac = fromPort.and(MatchField.ETH_SRC, mac);
        flows.add(Flows.flow(Table.PORT_SECURITY, Priority.ALLOW, pairMac.and(MatchField.ETH_TYPE, Flows.IPV4).and(MatchField.IPV4_SRC, pair.ipAddress()), cookie,
            Flows.gotoTable(Table.EGRESS_ACL)));
        flows.add(Flows.flow(Table.PORT_SECURITY, Priority.ALLOW,
            pairMac.and(MatchField.ETH_TYPE, Flows.ARP).and(MatchField.ARP_SHA, mac).and(MatchField.ARP_SPA, pair.ipAddress()), cookie,
            Flows.gotoTable(Table.EGRESS_ACL)));
      }
      Match discover = ownMac.and(MatchField.ETH_TYPE, Flows.IPV4).and(MatchField.IPV4_SRC, "0.0.0.0").and(MatchField.IPV4_DST, "255.255.255.255")
          .and(MatchField.IP_PROTO, Flows.UDP).and(MatchField.UDP_SRC, 68).and(MatchField.UDP_DST, 67);
      flows.add(Flows.flow(Table.PORT_SECURITY, Priority.DHCP_DISCOVER, discover, cookie, Flows.gotoTable(Table.EGRESS_ACL)));
    }
    return flows;
  }
}
