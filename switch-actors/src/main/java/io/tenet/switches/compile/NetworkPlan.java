package io.tenet.switches.compile;

import java.util.List;

/**
 * What one datapath must know of one network it serves: its VNI, the ports elsewhere (for
 * unicast and ARP answers) and whether DHCP is served. Flood tunnels go to the distinct
 * endpoints of the remote ports, so only hypervisors hosting the network receive broadcasts.
 */
public record NetworkPlan(String networkId, int vni, boolean dhcp, List<RemotePort> remotePorts) {
  public NetworkPlan {
    remotePorts = List.copyOf(remotePorts);
  }

  public List<String> floodEndpoints() {
    return remotePorts.stream().map(RemotePort::encapIp).distinct().sorted().toList();
  }
}
