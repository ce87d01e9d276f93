package io.tenet.topology.model;

import io.tenet.topology.realization.Realization;
import java.time.Instant;
import java.util.List;

/**
 * A router as the API shows it. {@code realization} (null in the entity's state) says which
 * datapaths routing for it have confirmed its current version. {@code externalGateway} is null
 * while the router has no way out to an external network; {@code floatingIps} are the addresses its
 * gateway translates one to one.
 */
public record RouterView(
    String id,
    String tenantId,
    String name,
    boolean adminStateUp,
    List<RouterInterface> interfaces,
    List<HostRoute> routes,
    Instant createdAt,
    Instant updatedAt,
    long revision,
    Realization realization,
    ExternalGateway externalGateway,
    List<FloatingIpBinding> floatingIps) {

  public RouterView {
    floatingIps = Lists.copyOrEmpty(floatingIps); // null in snapshots from before floating IPs
  }

  /** As the entity keeps it: without realization. */
  public RouterView(String id, String tenantId, String name, boolean adminStateUp, List<RouterInterface> interfaces, List<HostRoute> routes,
      Instant createdAt, Instant updatedAt, long revision, ExternalGateway externalGateway, List<FloatingIpBinding> floatingIps) {
    this(id, tenantId, name, adminStateUp, interfaces, routes, createdAt, updatedAt, revision, null, externalGateway, floatingIps);
  }

  public RouterView withRealization(Realization now) {
    return new RouterView(id, tenantId, name, adminStateUp, interfaces, routes, createdAt, updatedAt, revision, now, externalGateway, floatingIps);
  }
}
