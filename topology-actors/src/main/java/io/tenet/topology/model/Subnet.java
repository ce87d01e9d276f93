package io.tenet.topology.model;

import java.util.List;

/**
 * A subnet as stored: every default filled in. {@code dhcpServerIp} is the address the
 * controller's DHCP service answers from; like the gateway it is never given to a port.
 */
public record Subnet(
    String id,
    String name,
    String cidr,
    String gatewayIp,
    List<IpRange> allocationPools,
    boolean dhcpEnabled,
    String dhcpServerIp,
    List<String> dnsServers,
    List<HostRoute> hostRoutes) {

  public Subnet {
    allocationPools = Lists.copyOrEmpty(allocationPools);
    dnsServers = Lists.copyOrEmpty(dnsServers);
    hostRoutes = Lists.copyOrEmpty(hostRoutes);
  }
}
