package io.tenet.switches.compile;

import java.util.List;

/**
 * Everything the flow compiler needs to know about one datapath: its VM ports and the networks
 * they belong to. A network is served only while a local port belongs to it.
 */
public record DatapathView(String datapathId, String encapIp, long tunnelOfport, List<LocalPort> localPorts, List<NetworkPlan> networks) {
  public DatapathView {
    localPorts = List.copyOf(localPorts);
    networks = List.copyOf(networks);
  }

  public List<LocalPort> portsOf(String networkId) {
    return localPorts.stream().filter(p -> p.networkId().equals(networkId)).toList();
  }
}
