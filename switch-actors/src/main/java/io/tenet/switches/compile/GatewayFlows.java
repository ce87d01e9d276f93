package io.tenet.switches.compile;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Action.ConntrackNat.NatRewrite;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Metadata;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import io.tenet.topology.net.Ipv4Cidr;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A router's external gateway, on each hypervisor that may carry it. Outbound, a packet the
 * router's exit group sent here (see {@link RouterFlows}) leaves with the router's external address
 * (gateway_snat, conntrack zone of the router on this datapath), from the gateway's MAC, on the
 * external network (gateway_out). Inbound, what comes from the physical network for the gateway
 * (an ARP request for one of its addresses, a packet to its MAC) passes the gate (gateway_gate)
 * only on the host carrying the gateway now; there the gateway answers ARP for its external
 * address (arp_dhcp); a packet to that address goes through the zone, whose translation turns a
 * reply back to the internal address (l3_route), and then enters the internal network it is for
 * (l3_unnat), routed on like any packet of the router. A new connection from outside finds no
 * internal address and is dropped, unless it is for a floating IP.
 */
final class GatewayFlows {
  private GatewayFlows() {}

  static CompiledFlows compiled(GatewayPlan gateway) {
    return new CompiledFlows(flows(gateway), Set.of(gateGroup(gateway), GroupEntry.alwaysLive()));
  }

  static Set<FlowEntry> flows(GatewayPlan gateway) {
    Set<FlowEntry> flows = new HashSet<>(gate(gateway));
    Cookie cookie = Cookie.of(Cookie.Owner.ROUTER, gateway.routerId());
    for (RouterLeg leg : gateway.legs()) {
      Match toLeg = toGateway(gateway).and(MatchField.IPV4_DST, leg.cidr());
      flows.add(Flows.flow(Table.L3_UNNAT, Priority.route(Ipv4Cidr.parse(leg.cidr()).orElseThrow().prefixLength(), true), toLeg, cookie,
          new Action.DecTtl(), Flows.set(MatchField.ETH_SRC, leg.mac()), new Action.WriteMetadata(leg.vni(), Metadata.NETWORK_AND_ORIGIN_MASK),
          Flows.gotoTable(Table.L3_NEIGHBOR)));
    }
    Match outbound = Match.any().and(MatchField.ETH_DST, gateway.mac()).and(MatchField.ETH_TYPE, Flows.IPV4);
    if (gateway.snat()) {
      flows.add(Flows.flow(Table.GATEWAY_SNAT, Priority.ALLOW, outbound, cookie,
          new Action.ConntrackNat(true, gateway.natZone(), Table.GATEWAY_OUT, NatRewrite.SOURCE, gateway.externalIp())));
    }
    flows.add(Flows.flow(Table.GATEWAY_OUT, Priority.ALLOW, outbound, cookie, Flows.set(MatchField.ETH_SRC, gateway.mac()),
        new Action.WriteMetadata(gateway.externalVni(), Metadata.NETWORK_AND_ORIGIN_MASK), Flows.gotoTable(Table.EXTERNAL_NEIGHBOR)));
    flows.add(ArpDhcpFlows.arpReply(gateway.externalVni(), gateway.mac(), gateway.externalIp(), cookie, ExternalFlows.tagFor(gateway.vlanId())));
    // the gateway answers ping to the router's external address (behind the gate: on the active host only), as a router does
    flows.add(RouterFlows.echoReply(toGateway(gateway), gateway.mac(), gateway.externalIp(), ExternalFlows.tagFor(gateway.vlanId()), cookie));
    for (FloatingIpPlan floating : gateway.floatingIps()) flows.addAll(floatingIp(gateway, floating, outbound, cookie));
    flows.add(Flows.flow(Table.L3_ROUTE, Priority.EXACT, toGateway(gateway).and(MatchField.IPV4_DST, gateway.externalIp()), cookie,
        new Action.ConntrackNat(false, gateway.natZone(), Table.L3_UNNAT, NatRewrite.REVERSE, null)));
    return flows;
  }

  /**
   * One to one: the gateway answers ARP for the floating IP; a connection to it from outside is
   * committed with its destination translated to the fixed address (and then routed in like a
   * reply); whatever the fixed address sends leaves with the floating one as its source, ahead of
   * the router's own source NAT. Replies of either kind of connection get the reverse from conntrack.
   */
  private static Set<FlowEntry> floatingIp(GatewayPlan gateway, FloatingIpPlan floating, Match outbound, Cookie cookie) {
    return Set.of(
        ArpDhcpFlows.arpReply(gateway.externalVni(), gateway.mac(), floating.floatingIp(), cookie, ExternalFlows.tagFor(gateway.vlanId())),
        Flows.flow(Table.L3_ROUTE, Priority.EXACT, toGateway(gateway).and(MatchField.IPV4_DST, floating.floatingIp()), cookie,
            new Action.ConntrackNat(true, gateway.natZone(), Table.L3_UNNAT, NatRewrite.DESTINATION, floating.fixedIp())),
        Flows.flow(Table.GATEWAY_SNAT, Priority.EXACT, outbound.and(MatchField.IPV4_SRC, floating.fixedIp()), cookie,
            new Action.ConntrackNat(true, gateway.natZone(), Table.GATEWAY_OUT, NatRewrite.SOURCE, floating.floatingIp())));
  }

  /** What comes from the physical network for the gateway goes through its gate group. */
  private static Set<FlowEntry> gate(GatewayPlan gateway) {
    Set<FlowEntry> flows = new HashSet<>();
    Cookie cookie = Cookie.of(Cookie.Owner.ROUTER, gateway.routerId());
    Action.Group gate = new Action.Group(gateway.gate().groupId());
    Match arp = Flows.network(gateway.externalVni()).and(MatchField.ETH_TYPE, Flows.ARP);
    flows.add(Flows.flow(Table.GATEWAY_GATE, Priority.EXACT, arp.and(MatchField.ARP_TPA, gateway.externalIp()), cookie, gate));
    for (FloatingIpPlan floating : gateway.floatingIps()) {
      flows.add(Flows.flow(Table.GATEWAY_GATE, Priority.EXACT, arp.and(MatchField.ARP_TPA, floating.floatingIp()), cookie, gate));
    }
    flows.add(Flows.flow(Table.GATEWAY_GATE, Priority.EXACT, Flows.network(gateway.externalVni()).and(MatchField.ETH_DST, gateway.mac()), cookie, gate));
    return flows;
  }

  /** The gate: on an armed host with every host ranked before it gone, on to arp_dhcp. */
  static GroupEntry gateGroup(GatewayPlan gateway) {
    return gateway.gate().group(List.of(new Action.Resubmit(Table.ARP_DHCP)), Cookie.of(Cookie.Owner.ROUTER, gateway.routerId()));
  }

  /** IPv4 from the external network to the gateway's MAC. */
  private static Match toGateway(GatewayPlan gateway) {
    return Match.any().and(MatchField.METADATA, Metadata.masked(gateway.externalVni(), Metadata.VNI_MASK))
        .and(MatchField.ETH_DST, gateway.mac()).and(MatchField.ETH_TYPE, Flows.IPV4);
  }
}
