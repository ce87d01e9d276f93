package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;
import java.util.List;

/**
 * A tenant network's layer-2 gateway: the network shares one broadcast domain with {@code segment}
 * (a VLAN of a physical network) through the gateway hypervisors {@code hosts}, exactly one of them
 * active at a time ({@code activeDatapathId}: the highest priority when the gateway was made, or the
 * host that took it over since). {@code bridgeVni} is the tunnel key senders put on the copies of
 * broadcast and unknown unicast meant for the segment, so a host never confuses them with the
 * network's own copies for its local ports (claimed in the VNI registry with the segment).
 */
public record L2Bridge(String id, ProviderSegment segment, int bridgeVni, List<GatewayHost> hosts, String activeDatapathId) implements TenetSerializable {
  public L2Bridge {
    hosts = Lists.copyOrEmpty(hosts);
  }

  /** The active host first, then the others by priority: a host is active while every host ranked before it is unreachable. */
  public List<GatewayHost> rankedHosts() {
    return GatewayHost.ranked(hosts, activeDatapathId);
  }

  public L2Bridge withActive(String datapathId) {
    return new L2Bridge(id, segment, bridgeVni, hosts, datapathId);
  }

  public boolean hasHost(String datapathId) {
    return hosts.stream().anyMatch(host -> host.datapathId().equals(datapathId));
  }
}
