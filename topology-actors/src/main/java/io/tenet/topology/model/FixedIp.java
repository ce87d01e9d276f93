package io.tenet.topology.model;

/** An address of a port in one subnet of its network. Either part may be null in a request. */
public record FixedIp(String subnetId, String ipAddress) {}
