package io.tenet.topology.model;

import io.tenet.persistence.TenetSerializable;
import java.time.Instant;

/**
 * A floating IP as the API shows it: its address on the external network (held by the port
 * {@code externalPortId}), and while associated the port and internal address it stands for and
 * the router whose gateway translates it (all three null otherwise).
 */
public record FloatingIpView(String id, String tenantId, String floatingNetworkId, String floatingIpAddress, String externalPortId, String portId,
    String fixedIpAddress, String routerId, Instant createdAt, Instant updatedAt, long revision) implements TenetSerializable {}
