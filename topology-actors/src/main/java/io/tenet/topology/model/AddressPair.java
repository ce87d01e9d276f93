package io.tenet.topology.model;

/**
 * An address a port may also send from, beyond its own (Neutron's allowed address pair): an IPv4
 * address or CIDR, and the MAC it comes with (null: the port's own). A VIP that keepalived moves
 * between VMs is in the pairs of each of them.
 */
public record AddressPair(String ipAddress, String macAddress) {}
