package io.tenet.topology.model;

import io.tenet.topology.realization.Realization;
import java.time.Instant;
import java.util.List;

/**
 * A network as the API shows it. {@code revision} grows with every change. {@code realization}
 * is computed when the network is read (null in the entity's own state).
 */
public record NetworkView(
    String id,
    String tenantId,
    String name,
    int vni,
    int mtu,
    boolean adminStateUp,
    List<Subnet> subnets,
    Instant createdAt,
    Instant updatedAt,
    long revision,
    Realization realization) {

  public NetworkView withRealization(Realization now) {
    return new NetworkView(id, tenantId, name, vni, mtu, adminStateUp, subnets, createdAt, updatedAt, revision, now);
  }
}
