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
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A router, on the hypervisor of the sender: for each of its interfaces on a network with a local
 * port, the interface answers ARP (arp_dhcp) and ping (l3_route) from flows, and a packet sent to
 * its MAC for another of its subnets leaves here already switched into that network (TTL
 * decremented, source MAC the router's interface there, VNI of that network), so it crosses the
 * underlay at most once. A static route sends its prefix to the next hop's MAC directly.
 */
final class RouterFlows {
  private static final String ICMP = "1";
  private static final int ECHO_REQUEST = 8;
  private static final int ECHO_REPLY = 0;

  private RouterFlows() {}

  static CompiledFlows compiled(DatapathView view, RouterPlan router) {
    Set<FlowEntry> flows = flows(view, router);
    RouterExit exit = router.exit();
    boolean exitUsed = exit != null && flows.stream().anyMatch(flow -> flow.actions().contains(new Action.Group(exit.groupId())));
    return new CompiledFlows(flows, exitUsed ? Set.of(exitGroup(view, router.routerId(), exit), GroupEntry.alwaysLive()) : Set.of());
  }

  static Set<FlowEntry> flows(DatapathView view, RouterPlan router) {
    Set<FlowEntry> flows = new HashSet<>();
    Cookie cookie = Cookie.of(Cookie.Owner.ROUTER, router.routerId());
    for (RouterLeg from : router.legs()) {
      if (view.portsOf(from.networkId()).isEmpty()) {
        // no sender here; a gateway host still takes what senders elsewhere tunnel to the gateway
        if (router.exit() != null && view.gatewayReceives(from.networkId())) flows.add(switchedToGateway(from, router.exit(), cookie));
        continue;
      }
      flows.add(ArpDhcpFlows.arpReply(from.vni(), from.mac(), from.ip(), cookie));
      flows.add(echoReply(toGateway(from), from.mac(), from.ip(), List.of(), cookie));
      flows.add(Flows.flow(Table.L3_ROUTE, Priority.GATEWAY, toGateway(from).and(MatchField.IPV4_DST, from.ip()), cookie));
      for (RouterLeg to : router.legs()) {
        if (to == from) continue;
        flows.add(Flows.flow(Table.L3_ROUTE, Priority.route(prefixLength(to.cidr()), true), toGateway(from).and(MatchField.IPV4_DST, to.cidr()), cookie,
            new Action.DecTtl(), Flows.set(MatchField.ETH_SRC, to.mac()), enter(to), Flows.gotoTable(Table.L3_NEIGHBOR)));
      }
      if (router.exit() != null) flows.addAll(exit(from, router.exit(), cookie));
      for (StaticRoute route : router.routes()) {
        Optional<RouterLeg> via = router.legs().stream().filter(leg -> contains(leg.cidr(), route.nexthop())).findFirst();
        Optional<String> nexthopMac = via.flatMap(leg -> macOf(view, leg.networkId(), route.nexthop()));
        if (nexthopMac.isEmpty()) continue; // the next hop is not plugged anywhere: the prefix is unreachable
        RouterLeg to = via.get();
        flows.add(Flows.flow(Table.L3_ROUTE, Priority.route(prefixLength(route.destination()), false), toGateway(from).and(MatchField.IPV4_DST, route.destination()),
            cookie, new Action.DecTtl(), Flows.set(MatchField.ETH_SRC, to.mac()), Flows.set(MatchField.ETH_DST, nexthopMac.get()), enter(to),
            Flows.gotoTable(Table.L2_LOOKUP)));
      }
    }
    return flows;
  }

  /**
   * Anything no route of the router takes is switched to its external gateway's MAC (TTL
   * decremented once, here) and goes to the gateway's first live host.
   */
  private static Set<FlowEntry> exit(RouterLeg from, RouterExit exit, Cookie cookie) {
    return Set.of(
        Flows.flow(Table.L3_ROUTE, Priority.EXTERNAL_GATEWAY, toGateway(from), cookie,
            new Action.DecTtl(), Flows.set(MatchField.ETH_SRC, from.mac()), Flows.set(MatchField.ETH_DST, exit.mac()), Flows.gotoTable(Table.L2_LOOKUP)),
        switchedToGateway(from, exit, cookie));
  }

  /** A packet of the leg's network for the gateway's MAC (from a local sender or through a tunnel) keeps the network's VNI and goes to the exit group. */
  private static FlowEntry switchedToGateway(RouterLeg from, RouterExit exit, Cookie cookie) {
    Match sent = Flows.network(from.vni()).and(MatchField.ETH_DST, exit.mac());
    return Flows.flow(Table.L2_LOOKUP, Priority.EXACT, sent, cookie, Flows.set(MatchField.TUN_ID, "0x" + Integer.toHexString(from.vni())),
        new Action.Group(exit.groupId()));
  }

  /**
   * The router's exit group: the gateway's hosts in rank order, each through its peer tunnel while
   * BFD says it is there; a host with no peer tunnel yet through the flow-based tunnel, and this
   * hypervisor, when it carries the gateway, through its own gateway tables. Either of those two is
   * always live, so hosts after it are never taken.
   */
  static GroupEntry exitGroup(DatapathView view, String routerId, RouterExit exit) {
    List<GroupEntry.Bucket> buckets = new ArrayList<>();
    for (GatewayHop hop : exit.hops()) {
      if (hop instanceof GatewayHop.Peer peer) {
        buckets.add(GroupEntry.Bucket.watching(peer.peerOfport(), List.of(new Action.Output(peer.peerOfport()))));
      } else if (hop instanceof GatewayHop.Unwatched unwatched) {
        buckets.add(GroupEntry.Bucket.always(List.of(Flows.set(MatchField.TUN_DST, unwatched.encapIp()), new Action.Output(view.tunnelOfport()))));
      } else {
        buckets.add(GroupEntry.Bucket.always(List.of(new Action.Resubmit(Table.GATEWAY_SNAT))));
      }
      if (hop.alwaysLive()) break;
    }
    return new GroupEntry(exit.groupId(), GroupEntry.Type.FAST_FAILOVER, buckets, Cookie.of(Cookie.Owner.ROUTER, routerId));
  }

  /** IPv4 from a local port of the leg's network to the router's MAC there. */
  private static Match toGateway(RouterLeg leg) {
    return Match.any().and(MatchField.METADATA, Metadata.masked(leg.vni(), Metadata.NETWORK_AND_ORIGIN_MASK))
        .and(MatchField.ETH_DST, leg.mac()).and(MatchField.ETH_TYPE, Flows.IPV4);
  }

  /** The reply is the request turned around: addresses swapped, type 0, out where it came in. */
  /**
   * An echo request to {@code ip} among {@code toAddress} (IPv4 for a router's MAC) answered from
   * {@code mac}: the reply goes back out of the port it came in on, after {@code beforeOutput} (a
   * VLAN tag that classify removed).
   */
  static FlowEntry echoReply(Match toAddress, String mac, String ip, List<Action> beforeOutput, Cookie cookie) {
    Match request = toAddress.and(MatchField.IPV4_DST, ip).and(MatchField.IP_PROTO, ICMP).and(MatchField.ICMP_TYPE, ECHO_REQUEST);
    List<Action> reply = new ArrayList<>(List.of(new Action.Move("NXM_OF_ETH_SRC", "NXM_OF_ETH_DST"), Flows.set(MatchField.ETH_SRC, mac),
        new Action.Move("NXM_OF_IP_SRC", "NXM_OF_IP_DST"), Flows.set(MatchField.IPV4_SRC, ip), Flows.set(MatchField.ICMP_TYPE, ECHO_REPLY)));
    reply.addAll(beforeOutput);
    reply.add(new Action.OutputInPort());
    return new FlowEntry(Table.L3_ROUTE, Priority.SERVICE, request, reply, cookie);
  }

  /** The packet now belongs to the leg's network, as if sent there by a local port. */
  private static Action enter(RouterLeg leg) {
    return new Action.WriteMetadata(leg.vni(), Metadata.NETWORK_AND_ORIGIN_MASK);
  }

  private static Optional<String> macOf(DatapathView view, String networkId, String ip) {
    for (LocalPort port : view.portsOf(networkId)) if (port.ips().contains(ip)) return Optional.of(port.mac());
    for (List<NetworkPlan> plans : List.of(view.networks(), view.routedNetworks())) {
      for (NetworkPlan plan : plans) {
        if (!plan.networkId().equals(networkId)) continue;
        for (RemotePort port : plan.remotePorts()) if (port.ips().contains(ip)) return Optional.of(port.mac());
      }
    }
    return Optional.empty();
  }

  private static int prefixLength(String cidr) {
    return Ipv4Cidr.parse(cidr).orElseThrow().prefixLength();
  }

  private static boolean contains(String cidr, String ip) {
    return Ipv4Cidr.parse(cidr).orElseThrow().contains(Ipv4Address.parse(ip).orElseThrow());
  }
}
