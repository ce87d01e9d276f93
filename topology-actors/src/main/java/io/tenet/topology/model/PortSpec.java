package io.tenet.topology.model;

import java.util.List;

/**
 * A validated port definition. Addresses here are what was asked for: {@code fixedIps} entries
 * may lack an address (allocate one in that subnet); null {@code requestedIps} means one address
 * from the first subnet with room, an empty list means none; a null MAC means allocate one.
 * {@code allowedAddressPairs} is never null (none in specs written before it existed).
 */
public record PortSpec(
    String networkId,
    String name,
    String requestedMac,
    List<FixedIp> requestedIps,
    List<String> securityGroupIds,
    boolean portSecurityEnabled,
    boolean adminStateUp,
    String deviceOwner,
    String deviceId,
    List<AddressPair> allowedAddressPairs) {
  public PortSpec {
    requestedIps = requestedIps == null ? null : List.copyOf(requestedIps); // null has a meaning here (see above)
    securityGroupIds = Lists.copyOrEmpty(securityGroupIds);
    allowedAddressPairs = Lists.copyOrEmpty(allowedAddressPairs);
  }

  /** A port with no address pairs. */
  public PortSpec(String networkId, String name, String requestedMac, List<FixedIp> requestedIps, List<String> securityGroupIds,
      boolean portSecurityEnabled, boolean adminStateUp, String deviceOwner, String deviceId) {
    this(networkId, name, requestedMac, requestedIps, securityGroupIds, portSecurityEnabled, adminStateUp, deviceOwner, deviceId, List.of());
  }

  public static final String ROUTER_INTERFACE_OWNER = "network:router_interface";
  /** The port holding a router's external address on an external network. */
  public static final String ROUTER_GATEWAY_OWNER = "network:router_gateway";
  /** The port holding a floating IP's address on an external network. */
  public static final String FLOATING_IP_OWNER = "network:floatingip";

  public boolean isRouterInterface() {
    return ROUTER_INTERFACE_OWNER.equals(deviceOwner);
  }

  /** Ports Tenet makes and removes itself: routers' interfaces and external gateways, floating IPs' addresses. */
  public boolean isManaged() {
    return isManaged(deviceOwner);
  }

  public static boolean isManaged(String deviceOwner) {
    return ROUTER_INTERFACE_OWNER.equals(deviceOwner) || ROUTER_GATEWAY_OWNER.equals(deviceOwner) || FLOATING_IP_OWNER.equals(deviceOwner);
  }

  /** Managed ports that may sit on an external network. */
  public boolean belongsOnExternalNetwork() {
    return ROUTER_GATEWAY_OWNER.equals(deviceOwner) || FLOATING_IP_OWNER.equals(deviceOwner);
  }
}
