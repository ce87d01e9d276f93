package io.tenet.switches.compile;

import java.util.Map;
import java.util.TreeMap;

/**
 * An external network reached from this datapath (it carries a gateway on it): its VNI inside the
 * pipeline, its subnet and the subnet's gateway (the next hop for everything beyond it), the
 * OpenFlow port of the patch to its physical network, its VLAN there ({@code vlanId}, null on a flat
 * segment), and the neighbors whose MACs were learned from their ARP answers (address to MAC).
 */
public record ExternalPlan(String networkId, int vni, String cidr, String nextHop, long patchOfport, Integer vlanId, Map<String, String> neighbors) {
  public ExternalPlan {
    neighbors = Map.copyOf(new TreeMap<>(neighbors));
  }

  /** A flat (untagged) external network. */
  public ExternalPlan(String networkId, int vni, String cidr, String nextHop, long patchOfport, Map<String, String> neighbors) {
    this(networkId, vni, cidr, nextHop, patchOfport, null, neighbors);
  }
}
