package io.tenet.switches.compile;

import java.util.List;

/**
 * What lets a router's traffic from the physical network into its gateway on this host, a
 * fast-failover group ({@code groupId}): it drops the packet while any host ranked before this one
 * is reachable ({@code rankedBefore}), and passes it on once all are gone, if this host is
 * {@code armed}: its BFD sessions to those hosts had the time to come up (before that, "not up"
 * would only mean "not up yet", and two hosts would answer for one address).
 */
public record GatewayGate(long groupId, List<GatewayHop> rankedBefore, boolean armed) {
  /** Gate groups are numbered from here plus the gateway's NAT zone on the datapath (unique per datapath, apart from flood groups' 2*VNI+1). */
  public static final long GROUP_BASE = 0x5000_0000L;

  public GatewayGate {
    rankedBefore = List.copyOf(rankedBefore);
  }

  /** The gate of a host ranked first: it always passes. */
  public static GatewayGate first(int natZone) {
    return new GatewayGate(GROUP_BASE + natZone, List.of(), true);
  }
}
