package io.tenet.topology.model;

import java.time.Instant;
import java.util.List;

/** A router as the API shows it. */
public record RouterView(
    String id,
    String tenantId,
    String name,
    boolean adminStateUp,
    List<RouterInterface> interfaces,
    List<HostRoute> routes,
    Instant createdAt,
    Instant updatedAt,
    long revision) {}
