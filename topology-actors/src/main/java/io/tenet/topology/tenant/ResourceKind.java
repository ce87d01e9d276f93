package io.tenet.topology.tenant;

/** The top-level objects a tenant owns and indexes (ports are indexed by their network). */
public enum ResourceKind { NETWORK, SECURITY_GROUP, ROUTER, FLOATING_IP }
