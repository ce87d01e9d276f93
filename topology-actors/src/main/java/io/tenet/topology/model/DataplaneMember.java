package io.tenet.topology.model;

import java.util.List;

/**
 * A port of a network as the data plane needs it. {@code binding} is null while the port is not
 * plugged; {@code routerId} names the router whose interface the port is (null for any other port);
 * {@code allowedAddressPairs} are the addresses it may also send from, {@code securityGroupIds} its groups.
 */
public record DataplaneMember(String portId, String macAddress, List<String> ips, boolean portSecurityEnabled, PortBinding binding, String routerId,
    List<AddressPair> allowedAddressPairs, List<String> securityGroupIds) {
  public DataplaneMember {
    ips = Lists.copyOrEmpty(ips);
    allowedAddressPairs = Lists.copyOrEmpty(allowedAddressPairs);
    securityGroupIds = Lists.copyOrEmpty(securityGroupIds);
  }

  /** A port that is not a router's interface, with no address pairs and no groups. */
  public DataplaneMember(String portId, String macAddress, List<String> ips, boolean portSecurityEnabled, PortBinding binding) {
    this(portId, macAddress, ips, portSecurityEnabled, binding, null, List.of(), List.of());
  }

  /** A port without address pairs and groups. */
  public DataplaneMember(String portId, String macAddress, List<String> ips, boolean portSecurityEnabled, PortBinding binding, String routerId) {
    this(portId, macAddress, ips, portSecurityEnabled, binding, routerId, List.of(), List.of());
  }
}
