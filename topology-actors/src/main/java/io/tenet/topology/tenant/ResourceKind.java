package io.tenet.topology.tenant;

/**
 * The top-level objects a tenant owns and indexes (ports are indexed by their network; layer-2
 * gateways, at most one per network, by the id of the network they bridge).
 */
public enum ResourceKind { NETWORK, SECURITY_GROUP, ROUTER, FLOATING_IP, L2_GATEWAY }
