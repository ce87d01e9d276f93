package io.tenet.switches.datapath;

import java.util.Map;
import java.util.Set;

/**
 * What a datapath knows of its peer tunnels to gateway hosts, as its flows need it: each tunnel's
 * OpenFlow port (by peer address; a fast-failover bucket watches it), and the peers it is
 * {@code settled} with: their BFD session came up since the switch connected, or had the time to
 * (a peer not up by then is gone). Only a host settled with every host ranked before it may take
 * the gateway over: before, "not up" means "not up yet".
 */
public record GatewayReach(Map<String, Long> peerPorts, Set<String> settledPeers) {
  public static final GatewayReach NONE = new GatewayReach(Map.of(), Set.of());

  public GatewayReach {
    peerPorts = Map.copyOf(peerPorts);
    settledPeers = Set.copyOf(settledPeers);
  }
}
