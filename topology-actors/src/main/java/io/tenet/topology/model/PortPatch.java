package io.tenet.topology.model;

import java.util.List;

/** Changes to a port; a null field stays as it is. Addresses are fixed for the life of a port. */
public record PortPatch(
    String name,
    List<String> securityGroupIds,
    Boolean portSecurityEnabled,
    Boolean adminStateUp,
    String deviceOwner,
    String deviceId,
    String macAddress,
    List<FixedIp> fixedIps,
    List<AddressPair> allowedAddressPairs) {

  /** A patch that leaves the address pairs as they are. */
  public PortPatch(String name, List<String> securityGroupIds, Boolean portSecurityEnabled, Boolean adminStateUp, String deviceOwner, String deviceId,
      String macAddress, List<FixedIp> fixedIps) {
    this(name, securityGroupIds, portSecurityEnabled, adminStateUp, deviceOwner, deviceId, macAddress, fixedIps, null);
  }
}
