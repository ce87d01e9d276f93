package io.tenet.topology.model;

/**
 * A floating IP as a client asks for it: from an external network's subnet (a free address, or the
 * one asked for), and optionally associated at once with a port (its first address, or
 * {@code fixedIpAddress}). {@code tenantId} is for administrators acting for a tenant.
 */
public record FloatingIpRequest(String id, String tenantId, String floatingNetworkId, String floatingIpAddress, String portId, String fixedIpAddress) {}
