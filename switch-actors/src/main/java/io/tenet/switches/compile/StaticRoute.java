package io.tenet.switches.compile;

/** A router's static route: packets to {@code destination} (a CIDR) go to the VM at {@code nexthop}. */
public record StaticRoute(String destination, String nexthop) {}
