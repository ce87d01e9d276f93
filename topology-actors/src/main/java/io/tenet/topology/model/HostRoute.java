package io.tenet.topology.model;

/** A route handed to VMs by DHCP (option 121), or a router's static route. */
public record HostRoute(String destination, String nexthop) {}
