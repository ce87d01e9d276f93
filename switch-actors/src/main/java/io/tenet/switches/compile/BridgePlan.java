package io.tenet.switches.compile;

import java.util.List;

/**
 * A network's layer-2 gateway as one datapath serving the network implements it: the tunnel key of
 * the copies meant for the VLAN ({@code bridgeVni}), the other gateway hosts' tunnel endpoints, which
 * each get those copies (the one active lets them through its gate), and what this datapath does as
 * a host itself ({@code here}; null on a datapath that only sends).
 */
public record BridgePlan(int bridgeVni, List<String> hostEndpoints, BridgeHostPlan here) {
  public BridgePlan {
    hostEndpoints = List.copyOf(hostEndpoints);
  }

  /** The gate through which the VLAN's frames enter the network on this host, numbered from the bridge VNI. */
  public long gateInGroup() {
    return gateInGroup(bridgeVni);
  }

  public static long gateInGroup(int bridgeVni) {
    return 0x6000_0000L + bridgeVni;
  }

  /** The gate through which the network's frames leave for the VLAN on this host. */
  public long gateOutGroup() {
    return 0x6100_0000L + bridgeVni;
  }

  /** The VLAN's broadcasts, to the network's ports here and its other hypervisors (never back to a gateway host). */
  public long physicalFloodGroup() {
    return 0x6200_0000L + bridgeVni;
  }

  /** A local port's unknown unicast, to every gateway host. */
  public long bridgeFloodGroup() {
    return 0x6300_0000L + bridgeVni;
  }
}
