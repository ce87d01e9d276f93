package io.tenet.topology.model;

import java.util.List;

/**
 * What a datapath routing for a router must know of it: its interfaces (each one's port, network,
 * address and subnet) and its static routes. The MAC of each interface and the VNI of its network
 * come from that network's own view. {@code version} is the router's sequence number: of two
 * views, the higher is the newer. A router that is administratively down routes nothing.
 * {@code externalGateway}: its way out, carried by one of its gateway hosts (null: none);
 * {@code floatingIps}: the addresses the gateway translates one to one.
 */
public record RouterDataplane(String routerId, String tenantId, boolean adminStateUp, List<RouterInterface> interfaces, List<HostRoute> routes, long version,
    ExternalGateway externalGateway, List<FloatingIpBinding> floatingIps) {
  public RouterDataplane(String routerId, String tenantId, boolean adminStateUp, List<RouterInterface> interfaces, List<HostRoute> routes, long version) {
    this(routerId, tenantId, adminStateUp, interfaces, routes, version, null, List.of());
  }

  public RouterDataplane(String routerId, String tenantId, boolean adminStateUp, List<RouterInterface> interfaces, List<HostRoute> routes, long version,
      ExternalGateway externalGateway) {
    this(routerId, tenantId, adminStateUp, interfaces, routes, version, externalGateway, List.of());
  }

  public RouterDataplane {
    floatingIps = Lists.copyOrEmpty(floatingIps);
    interfaces = Lists.copyOrEmpty(interfaces);
    routes = Lists.copyOrEmpty(routes);
  }

  /** What a datapath knows of a router that does not exist (any more): it routes nothing, and no later view replaces it (ids are never reused). */
  public static RouterDataplane absent(String routerId) {
    return new RouterDataplane(routerId, null, false, List.of(), List.of(), Long.MAX_VALUE);
  }

  public boolean exists() {
    return tenantId != null;
  }
}
