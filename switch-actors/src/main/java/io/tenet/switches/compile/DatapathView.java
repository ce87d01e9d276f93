package io.tenet.switches.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the flow compiler needs to know about one datapath: its VM ports and the networks
 * they belong to, and for routing the routers of those networks and the networks reached only
 * through them ({@code routedNetworks}: no local port, so only their remote ports matter), and the
 * security groups its ports' filters are compiled from. A network is served only while a local port
 * belongs to it.
 */
public record DatapathView(String datapathId, String encapIp, long tunnelOfport, List<LocalPort> localPorts, List<NetworkPlan> networks,
    List<NetworkPlan> routedNetworks, List<RouterPlan> routers, Map<String, GroupPlan> securityGroups, List<GatewayPlan> gateways,
    List<ExternalPlan> externalNetworks) {
  public DatapathView {
    localPorts = List.copyOf(localPorts);
    networks = List.copyOf(networks);
    routedNetworks = List.copyOf(routedNetworks);
    routers = List.copyOf(routers);
    securityGroups = Map.copyOf(securityGroups);
    gateways = List.copyOf(gateways);
    externalNetworks = List.copyOf(externalNetworks);
  }

  /** A datapath that carries no external gateway. */
  public DatapathView(String datapathId, String encapIp, long tunnelOfport, List<LocalPort> localPorts, List<NetworkPlan> networks,
      List<NetworkPlan> routedNetworks, List<RouterPlan> routers, Map<String, GroupPlan> securityGroups) {
    this(datapathId, encapIp, tunnelOfport, localPorts, networks, routedNetworks, routers, securityGroups, List.of(), List.of());
  }

  /** A datapath that routes nothing and knows no security group. */
  public DatapathView(String datapathId, String encapIp, long tunnelOfport, List<LocalPort> localPorts, List<NetworkPlan> networks) {
    this(datapathId, encapIp, tunnelOfport, localPorts, networks, List.of(), List.of(), Map.of());
  }

  /** A datapath that knows no security group. */
  public DatapathView(String datapathId, String encapIp, long tunnelOfport, List<LocalPort> localPorts, List<NetworkPlan> networks,
      List<NetworkPlan> routedNetworks, List<RouterPlan> routers) {
    this(datapathId, encapIp, tunnelOfport, localPorts, networks, routedNetworks, routers, Map.of());
  }

  /** The groups a local port's own filter flows are compiled from: the port's groups. */
  public Map<String, GroupPlan> ownGroups(LocalPort port) {
    Map<String, GroupPlan> own = new HashMap<>();
    for (String groupId : port.securityGroupIds()) {
      GroupPlan group = securityGroups.get(groupId);
      if (group != null) own.put(groupId, group);
    }
    return own;
  }

  /** The filtered local ports: those the remote-group conjunctions are compiled for. */
  public List<LocalPort> filteredPorts() {
    return localPorts.stream().filter(LocalPort::filtered).toList();
  }

  /** The groups the remote-group conjunctions are compiled from: the filtered ports' groups and the remote groups their rules name. */
  public Map<String, GroupPlan> groupsOfFilteredPorts() {
    Map<String, GroupPlan> relevant = new HashMap<>();
    for (LocalPort port : filteredPorts()) {
      ownGroups(port).forEach((groupId, group) -> {
        relevant.put(groupId, group);
        group.rules().forEach(rule -> {
          if (rule.remoteGroupId() != null && securityGroups.containsKey(rule.remoteGroupId())) relevant.put(rule.remoteGroupId(), securityGroups.get(rule.remoteGroupId()));
        });
      });
    }
    return relevant;
  }

  public List<LocalPort> portsOf(String networkId) {
    return localPorts.stream().filter(p -> p.networkId().equals(networkId)).toList();
  }

  /** Whether a gateway carried here takes packets of the network from the tunnel (senders elsewhere switch them to it). */
  public boolean gatewayReceives(String networkId) {
    return gateways.stream().anyMatch(gateway -> gateway.legs().stream().anyMatch(leg -> leg.networkId().equals(networkId)));
  }

  /** Whether some router here has an interface on the network. */
  public boolean routes(String networkId) {
    return routers.stream().anyMatch(router -> router.legs().stream().anyMatch(leg -> leg.networkId().equals(networkId)));
  }
}
