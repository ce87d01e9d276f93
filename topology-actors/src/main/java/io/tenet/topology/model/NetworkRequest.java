package io.tenet.topology.model;

import java.util.List;

/**
 * A network as a client asks to create it. {@code tenantId} is for administrators acting for a tenant;
 * {@code external} and {@code provider} (administrators only) make it an external network on a physical network.
 */
public record NetworkRequest(String id, String tenantId, String name, Integer vni, Integer mtu, Boolean adminStateUp, List<SubnetRequest> subnets,
    Boolean external, ProviderRequest provider) {
  public NetworkRequest(String id, String tenantId, String name, Integer vni, Integer mtu, Boolean adminStateUp, List<SubnetRequest> subnets) {
    this(id, tenantId, name, vni, mtu, adminStateUp, subnets, null, null);
  }
}
