package io.tenet.topology.model;

import java.util.List;

/** A change to a layer-2 gateway: its hypervisors and their priorities (the highest becomes active). */
public record L2GatewayPatch(List<GatewayHostRequest> hosts) {}
