package io.tenet.topology.model;

import java.util.List;

/**
 * A port of a network as the data plane needs it. {@code binding} is null while the port is not
 * plugged; {@code routerId} names the router whose interface the port is (null for any other port).
 */
public record DataplaneMember(String portId, String macAddress, List<String> ips, boolean portSecurityEnabled, PortBinding binding, String routerId) {
  public DataplaneMember {
    ips = Lists.copyOrEmpty(ips);
  }

  /** A port that is not a router's interface. */
  public DataplaneMember(String portId, String macAddress, List<String> ips, boolean portSecurityEnabled, PortBinding binding) {
    this(portId, macAddress, ips, portSecurityEnabled, binding, null);
  }
}
