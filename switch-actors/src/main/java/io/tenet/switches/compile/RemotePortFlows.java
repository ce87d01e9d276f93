package io.tenet.switches.compile;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.pipeline.Priority;
import io.tenet.switches.pipeline.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * What a datapath needs of a port on another hypervisor: unicast to its MACs through the tunnel,
 * ARP answers for its addresses and, where a router routes into its network, its addresses'
 * neighbor entries. Built once per node: every other datapath of the port's
 * network compiles the same flows, and a network's change recompiles the network's part on each
 * of them, so most ports come again unchanged; the same objects also let the translation cache
 * find them by identity. Bounded; a port's flows evicted are built again.
 */
final class RemotePortFlows {
  /** About the remote ports of the networks a node's datapaths serve; each entry is a few small flows. */
  static final long CAPACITY = Long.getLong("tenet.remotePortFlows", 50_000);

  /** The flows of one remote port. */
  record Compiled(List<FlowEntry> unicast, List<FlowEntry> arpReplies, List<FlowEntry> neighbors) {}

  private record Key(int vni, RemotePort port, long tunnelOfport) {}

  private static final Cache<Key, Compiled> CACHE = CacheBuilder.newBuilder().maximumSize(CAPACITY).build();

  private RemotePortFlows() {}

  static Compiled of(NetworkPlan network, RemotePort port, long tunnelOfport) {
    Key key = new Key(network.vni(), port, tunnelOfport);
    Compiled known = CACHE.getIfPresent(key);
    if (known != null) return known;
    Cookie cookie = Cookie.of(Cookie.Owner.PORT, port.portId());
    List<FlowEntry> unicast = new ArrayList<>();
    List<String> macs = new ArrayList<>(List.of(port.mac()));
    macs.addAll(port.extraMacs());
    for (String mac : macs) {
      Match toRemote = Flows.network(network, false).and(MatchField.ETH_DST, mac);
      unicast.add(new FlowEntry(Table.L2_LOOKUP, Priority.EXACT, toRemote, Flows.tunnelTo(network, port.encapIp(), tunnelOfport), cookie));
    }
    List<FlowEntry> arpReplies = new ArrayList<>();
    for (String ip : port.ips()) arpReplies.add(ArpDhcpFlows.arpReply(network.vni(), port.mac(), ip, cookie));
    List<FlowEntry> neighbors = new ArrayList<>();
    for (String ip : port.ips()) neighbors.add(NeighborFlows.neighbor(network, ip, port.mac(), port.portId()));
    Compiled compiled = new Compiled(List.copyOf(unicast), List.copyOf(arpReplies), List.copyOf(neighbors));
    CACHE.put(key, compiled);
    return compiled;
  }
}
