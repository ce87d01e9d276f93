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
    List<FloatingIpBinding> floatingIps,
    List<String> tags) {

  public RouterView {
    floatingIps = Lists.copyOrEmpty(floatingIps); // null in snapshots from before floating IPs
    tags = Lists.copyOrEmpty(tags); // null in snapshots from before tags
  }

  /** As the entity keeps it: without realization. */
  public RouterView(String id, String tenantId, String name, boolean adminStateUp, List<RouterInterface> interfaces, List<HostRoute> routes,
      Instant createdAt, Instant updatedAt, long revision, ExternalGateway externalGateway, List<FloatingIpBinding> floatingIps, List<String> tags) {
    this(id, tenantId, name, adminStateUp, interfaces, routes, createdAt, updatedAt, revision, null, externalGateway, floatingIps, tags);
  }

  public RouterView withRealization(Realization now) {
    return new RouterView(id, tenantId, name, adminStateUp, interfaces, routes, createdAt, updatedAt, revision, now, externalGateway, floatingIps, tags);
  }

  /** The same router labelled {@code next}, one revision later. */
  public RouterView withTags(List<String> next, Instant at) {
    return new RouterView(id, tenantId, name, adminStateUp, interfaces, routes, createdAt, at, revision + 1, null, externalGateway, floatingIps, next);
  }
}
