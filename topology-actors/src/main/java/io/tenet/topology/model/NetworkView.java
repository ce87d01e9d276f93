package io.tenet.topology.model;

import java.time.Instant;
import java.util.List;

/** A network as the API shows it. {@code revision} grows with every change. */
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
    long revision) {}
