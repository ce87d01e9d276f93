package io.tenet.topology.model;

/** A gateway hypervisor an administrator names for a router's gateway, by hostname, with its priority (higher is preferred). */
public record GatewayHostRequest(String hostname, Integer priority) {}
