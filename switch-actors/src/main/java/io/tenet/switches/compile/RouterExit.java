package io.tenet.switches.compile;

import java.util.List;

/**
 * A router's way out through its external gateway, as the datapaths routing for it need it: the
 * gateway's MAC, to which packets for beyond the router's subnets are switched, and the gateway's
 * hosts in rank order ({@code hops}), which a fast-failover group ({@code groupId}) takes the first
 * live one of.
 */
public record RouterExit(String mac, long groupId, List<GatewayHop> hops) {
  /** Exit groups are numbered from here plus a number the router's id hashes to (24 bits). */
  public static final long GROUP_BASE = 0x4000_0000L;

  public RouterExit {
    hops = List.copyOf(hops);
  }
}
