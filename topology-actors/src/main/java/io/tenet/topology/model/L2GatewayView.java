package io.tenet.topology.model;

import java.util.List;

/**
 * A layer-2 gateway as the API shows it: the network it bridges (and that network's tenant), the
 * physical network and VLAN, the gateway hypervisors by priority and the one active now.
 */
public record L2GatewayView(String id, String tenantId, String networkId, String physicalNetwork, int segmentationId, List<GatewayHost> hosts,
    String activeDatapathId) {
  public static L2GatewayView of(NetworkView network) {
    L2Bridge bridge = network.l2Gateway();
    GatewayHost active = bridge.rankedHosts().isEmpty() ? null : bridge.rankedHosts().get(0);
    return new L2GatewayView(bridge.id(), network.tenantId(), network.id(), bridge.segment().physicalNetwork(), bridge.segment().segmentationId(),
        bridge.hosts(), active == null ? null : active.datapathId());
  }
}
