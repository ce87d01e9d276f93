package io.tenet.topology.model;

/** An external network's place on a physical network as a client writes it: type "flat" or "vlan". */
public record ProviderRequest(String type, String physicalNetwork, Integer segmentationId) {}
