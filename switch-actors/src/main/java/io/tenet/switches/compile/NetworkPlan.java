package io.tenet.switches.compile;

import java.util.List;

/**
 * What one datapath must know of one network it serves: its VNI, the ports elsewhere (for
 * unicast and ARP answers) and whether DHCP is served. Flood tunnels go to the distinct
 * endpoints of the remote ports, so only hypervisors hosting the network receive broadcasts.
 * {@code bridge}: the network's layer-2 gateway to a VLAN, null without one.
 */
public record NetworkPlan(String networkId, int vni, boolean dhcp, List<RemotePort> remotePorts, BridgePlan bridge) {
  public NetworkPlan {
    remotePorts = List.copyOf(remotePorts);
  }

  /** A network bridged to no VLAN. */
  public NetworkPlan(String networkId, int vni, boolean dhcp, List<RemotePort> remotePorts) {
    this(networkId, vni, dhcp, remotePorts, null);
  }

  /** Whether this datapath is one of the hosts of the network's layer-2 gateway. */
  public boolean bridgedHere() {
    return bridge != null && bridge.here() != null;
  }

  public List<String> floodEndpoints() {
    return remotePorts.stream().map(RemotePort::encapIp).distinct().sorted().toList();
  }
}
