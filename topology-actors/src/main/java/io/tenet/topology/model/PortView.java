package io.tenet.topology.model;

import java.time.Instant;
import java.util.List;

/** A port as the API shows it. {@code binding} is null while the port is not plugged anywhere. */
public record PortView(
    String id,
    String tenantId,
    String networkId,
    String name,
    String macAddress,
    List<FixedIp> fixedIps,
    List<String> securityGroupIds,
    boolean portSecurityEnabled,
    boolean adminStateUp,
    String deviceOwner,
    String deviceId,
    String status,
    PortBinding binding,
    Instant createdAt,
    Instant updatedAt,
    long revision) {}
