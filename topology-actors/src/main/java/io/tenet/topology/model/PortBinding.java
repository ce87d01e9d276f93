package io.tenet.topology.model;

/**
 * Where a port is plugged: the datapath (dpid), its hypervisor, the hypervisor's tunnel endpoint
 * (IPv4, where other hypervisors send the port's traffic) and the port's OpenFlow port number.
 */
public record PortBinding(String datapathId, String hostname, String encapIp, long ofport) {}
