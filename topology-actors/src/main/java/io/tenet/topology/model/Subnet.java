package io.tenet.topology.model;

import java.util.List;

/**
 * A subnet as stored: every default filled in. {@code dhcpServerIp} is the address the
 * controller's DHCP service answers from; like the gateway it is never given to a port.
 * {@code tags} are the client's labels (see {@link Tags}); only the network's tag command changes them.
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
    List<HostRoute> hostRoutes,
    List<String> tags) {

  public Subnet {
    allocationPools = Lists.copyOrEmpty(allocationPools);
    dnsServers = Lists.copyOrEmpty(dnsServers);
    hostRoutes = Lists.copyOrEmpty(hostRoutes);
    tags = Lists.copyOrEmpty(tags); // null in events written before tags
  }

  /** An untagged subnet. */
  public Subnet(String id, String name, String cidr, String gatewayIp, List<IpRange> allocationPools, boolean dhcpEnabled, String dhcpServerIp,
      List<String> dnsServers, List<HostRoute> hostRoutes) {
    this(id, name, cidr, gatewayIp, allocationPools, dhcpEnabled, dhcpServerIp, dnsServers, hostRoutes, List.of());
  }

  public Subnet withTags(List<String> next) {
    return new Subnet(id, name, cidr, gatewayIp, allocationPools, dhcpEnabled, dhcpServerIp, dnsServers, hostRoutes, next);
  }
}
