package io.tenet.topology.model;

/** An inclusive range of IPv4 addresses, e.g. an allocation pool. */
public record IpRange(String start, String end) {}
