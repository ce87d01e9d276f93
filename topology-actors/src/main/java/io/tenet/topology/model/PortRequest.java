package io.tenet.topology.model;

import java.util.List;

/** A port as a client asks to create it; null means "choose the default". */
public record PortRequest(
    String id,
    String tenantId,
    String networkId,
    String name,
    String macAddress,
    List<FixedIp> fixedIps,
    List<String> securityGroupIds,
    Boolean portSecurityEnabled,
    Boolean adminStateUp,
    String deviceOwner,
    String deviceId,
    List<AddressPair> allowedAddressPairs) {

  /** A request with no address pairs. */
  public PortRequest(String id, String tenantId, String networkId, String name, String macAddress, List<FixedIp> fixedIps, List<String> securityGroupIds,
      Boolean portSecurityEnabled, Boolean adminStateUp, String deviceOwner, String deviceId) {
    this(id, tenantId, networkId, name, macAddress, fixedIps, securityGroupIds, portSecurityEnabled, adminStateUp, deviceOwner, deviceId, null);
  }
}
