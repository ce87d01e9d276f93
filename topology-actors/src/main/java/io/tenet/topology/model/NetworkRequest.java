package io.tenet.topology.model;

import java.util.List;

/** A network as a client asks to create it. {@code tenantId} is for administrators acting for a tenant. */
public record NetworkRequest(String id, String tenantId, String name, Integer vni, Integer mtu, Boolean adminStateUp, List<SubnetRequest> subnets) {}
