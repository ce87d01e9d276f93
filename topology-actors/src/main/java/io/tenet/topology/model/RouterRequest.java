package io.tenet.topology.model;

import java.util.List;

/** A router as a client asks to create it. */
public record RouterRequest(String id, String tenantId, String name, Boolean adminStateUp, List<HostRoute> routes) {}
