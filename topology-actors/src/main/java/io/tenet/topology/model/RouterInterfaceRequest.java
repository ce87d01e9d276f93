package io.tenet.topology.model;

/** Attach a router to a subnet: by subnet (gets the subnet's gateway IP) or by an explicit IP. */
public record RouterInterfaceRequest(String networkId, String subnetId, String ipAddress) {}
