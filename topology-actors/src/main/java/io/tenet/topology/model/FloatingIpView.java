package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;
import java.time.Instant;
import java.util.List;

/**
 * A floating IP as the API shows it: its address on the external network (held by the port
 * {@code externalPortId}), and while associated the port and internal address it stands for and
 * the router whose gateway translates it (all three null otherwise).
 */
public record FloatingIpView(String id, String tenantId, String floatingNetworkId, String floatingIpAddress, String externalPortId, String portId,
    String fixedIpAddress, String routerId, Instant createdAt, Instant updatedAt, long revision, List<String> tags) implements TenetSerializable {
  public FloatingIpView {
    tags = Lists.copyOrEmpty(tags); // null in snapshots from before tags
  }

  /** The same floating IP labelled {@code next}, one revision later. */
  public FloatingIpView withTags(List<String> next, Instant at) {
    return new FloatingIpView(id, tenantId, floatingNetworkId, floatingIpAddress, externalPortId, portId, fixedIpAddress, routerId, createdAt, at,
        revision + 1, next);
  }
}
