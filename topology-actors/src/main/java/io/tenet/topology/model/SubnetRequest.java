package io.tenet.topology.model;

import java.util.List;

/** A subnet as a client asks for it; null means "choose the default". */
public record SubnetRequest(
    String id,
    String name,
    String cidr,
    String gatewayIp,
    List<IpRange> allocationPools,
    Boolean dhcpEnabled,
    List<String> dnsServers,
    List<HostRoute> hostRoutes) {}
