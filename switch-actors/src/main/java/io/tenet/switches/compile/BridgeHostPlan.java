package io.tenet.switches.compile;

import java.util.List;

/**
 * A layer-2 gateway on one of its hosts: the patch port to the physical network, the VLAN there,
 * and the hosts ranked before this one: this host passes frames either way only while all of them
 * are unreachable, and only once it is {@code armed} (see {@link GatewayGate}).
 */
public record BridgeHostPlan(long patchOfport, int vlanId, List<GatewayHop> rankedBefore, boolean armed) {
  public BridgeHostPlan {
    rankedBefore = List.copyOf(rankedBefore);
  }
}
