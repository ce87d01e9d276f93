package io.tenet.topology.model;

/** A router's leg on one subnet; the port holds the interface's MAC and IP in that network. */
public record RouterInterface(String portId, String networkId, String subnetId, String ipAddress, String cidr) {}
