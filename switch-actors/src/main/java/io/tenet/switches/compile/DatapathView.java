package io.tenet.switches.compile;

import java.util.List;

/**
 * Everything the flow compiler needs to know about one datapath: its VM ports and the networks
 * they belong to, and for routing the routers of those networks and the networks reached only
 * through them ({@code routedNetworks}: no local port, so only their remote ports matter). A
 * network is served only while a local port belongs to it.
 */
public record DatapathView(String datapathId, String encapIp, long tunnelOfport, List<LocalPort> localPorts, List<NetworkPlan> networks,
    List<NetworkPlan> routedNetworks, List<RouterPlan> routers) {
  public DatapathView {
    localPorts = List.copyOf(localPorts);
    networks = List.copyOf(networks);
    routedNetworks = List.copyOf(routedNetworks);
    routers = List.copyOf(routers);
  }

  /** A datapath that routes nothing. */
  public DatapathView(String datapathId, String encapIp, long tunnelOfport, List<LocalPort> localPorts, List<NetworkPlan> networks) {
    this(datapathId, encapIp, tunnelOfport, localPorts, networks, List.of(), List.of());
  }

  public List<LocalPort> portsOf(String networkId) {
    return localPorts.stream().filter(p -> p.networkId().equals(networkId)).toList();
  }

  /** Whether some router here has an interface on the network. */
  public boolean routes(String networkId) {
    return routers.stream().anyMatch(router -> router.legs().stream().anyMatch(leg -> leg.networkId().equals(networkId)));
  }
}
