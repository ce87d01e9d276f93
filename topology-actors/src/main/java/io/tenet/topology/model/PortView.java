package io.tenet.topology.model;

import io.tenet.topology.realization.Realization;
import io.tenet.topology.realization.RealizationState;
import java.time.Instant;
import java.util.List;

/**
 * A port as the API shows it. {@code binding} is null while the port is not plugged anywhere.
 * In the entity's state {@code status} is ACTIVE while bound and {@code realization} is null; as
 * read through the API, a bound port is ACTIVE only once its datapath confirmed its flows
 * ({@link #withRealization}).
 */
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
    long revision,
    Realization realization,
    List<AddressPair> allowedAddressPairs,
    List<String> tags) {
  public PortView {
    allowedAddressPairs = Lists.copyOrEmpty(allowedAddressPairs); // null in snapshots from before it existed
    tags = Lists.copyOrEmpty(tags); // null in snapshots from before tags
  }

  /** An untagged port. */
  public PortView(String id, String tenantId, String networkId, String name, String macAddress, List<FixedIp> fixedIps, List<String> securityGroupIds,
      boolean portSecurityEnabled, boolean adminStateUp, String deviceOwner, String deviceId, String status, PortBinding binding, Instant createdAt,
      Instant updatedAt, long revision, Realization realization, List<AddressPair> allowedAddressPairs) {
    this(id, tenantId, networkId, name, macAddress, fixedIps, securityGroupIds, portSecurityEnabled, adminStateUp, deviceOwner, deviceId, status, binding,
        createdAt, updatedAt, revision, realization, allowedAddressPairs, List.of());
  }

  /** A port with no address pairs. */
  public PortView(String id, String tenantId, String networkId, String name, String macAddress, List<FixedIp> fixedIps, List<String> securityGroupIds,
      boolean portSecurityEnabled, boolean adminStateUp, String deviceOwner, String deviceId, String status, PortBinding binding, Instant createdAt,
      Instant updatedAt, long revision, Realization realization) {
    this(id, tenantId, networkId, name, macAddress, fixedIps, securityGroupIds, portSecurityEnabled, adminStateUp, deviceOwner, deviceId, status, binding,
        createdAt, updatedAt, revision, realization, List.of());
  }

  public static final String ACTIVE = "ACTIVE";
  public static final String DOWN = "DOWN";

  /** The realization could not be read: DOWN, since nothing confirms the flows. */
  public PortView withUnknownRealization() {
    return new PortView(id, tenantId, networkId, name, macAddress, fixedIps, securityGroupIds, portSecurityEnabled, adminStateUp, deviceOwner, deviceId,
        DOWN, binding, createdAt, updatedAt, revision, null, allowedAddressPairs, tags);
  }

  /** ACTIVE only when bound and its own datapath confirmed the version that carries it. */
  public PortView withRealization(Realization now) {
    boolean confirmedWhereBound = binding != null && now.datapaths().stream()
        .anyMatch(d -> d.datapathId().equals(binding.datapathId()) && d.state() == RealizationState.REALIZED);
    return new PortView(id, tenantId, networkId, name, macAddress, fixedIps, securityGroupIds, portSecurityEnabled, adminStateUp, deviceOwner, deviceId,
        confirmedWhereBound ? ACTIVE : DOWN, binding, createdAt, updatedAt, revision, now, allowedAddressPairs, tags);
  }

  /** The same port labelled {@code next}, one revision later. */
  public PortView withTags(List<String> next, Instant at) {
    return new PortView(id, tenantId, networkId, name, macAddress, fixedIps, securityGroupIds, portSecurityEnabled, adminStateUp, deviceOwner, deviceId,
        status, binding, createdAt, at, revision + 1, null, allowedAddressPairs, next);
  }
}
