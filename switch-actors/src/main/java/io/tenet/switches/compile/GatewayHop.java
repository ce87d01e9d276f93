package io.tenet.switches.compile;

/**
 * One gateway host of a router, as a datapath sending to the gateway (or carrying it) reaches it.
 * Hosts are taken in the gateway's rank order; a fast-failover group takes the first live one.
 */
public sealed interface GatewayHop {
  /** Through the peer tunnel to the host: live while its BFD session says the host is there. */
  record Peer(String encapIp, long peerOfport) implements GatewayHop {}

  /** Through the flow-based tunnel: there is no peer tunnel to the host (yet), so nothing tells it is gone; always taken. */
  record Unwatched(String encapIp) implements GatewayHop {}

  /** This datapath carries the gateway itself; always taken. */
  record Here() implements GatewayHop {}

  /** Whether a fast-failover bucket for this hop is live whatever happens, so no later hop is ever taken. */
  default boolean alwaysLive() {
    return !(this instanceof Peer);
  }
}
