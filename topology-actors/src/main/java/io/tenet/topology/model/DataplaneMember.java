package io.tenet.topology.model;

import java.util.List;

/** A port of a network as the data plane needs it. {@code binding} is null while the port is not plugged. */
public record DataplaneMember(String portId, String macAddress, List<String> ips, boolean portSecurityEnabled, PortBinding binding) {
  public DataplaneMember {
    ips = Lists.copyOrEmpty(ips);
  }
}
