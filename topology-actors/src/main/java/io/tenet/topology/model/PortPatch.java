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
    List<FixedIp> fixedIps) {}
