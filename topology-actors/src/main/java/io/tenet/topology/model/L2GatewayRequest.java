package io.tenet.topology.model;

import java.util.List;

/**
 * A layer-2 gateway as an administrator asks for it: the tenant network to bridge, the physical
 * network and VLAN to bridge it to, and optionally the gateway hypervisors with their priorities
 * ({@code hosts}; null: chosen by the controller).
 */
public record L2GatewayRequest(String networkId, String physicalNetwork, Integer segmentationId, List<GatewayHostRequest> hosts) {}
