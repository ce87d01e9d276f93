package io.tenet.topology.model;

/** Where a port is plugged: the datapath (dpid) and its OpenFlow port number. */
public record PortBinding(String datapathId, String hostname, long ofport) {}
