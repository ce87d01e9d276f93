package io.tenet.topology.model;

/** A security-group rule as a client writes it: direction "ingress"/"egress", ethertype "IPv4"/"IPv6". */
public record SecurityGroupRuleRequest(
    String id,
    String direction,
    String ethertype,
    String protocol,
    Integer portRangeMin,
    Integer portRangeMax,
    String remoteIpPrefix,
    String remoteGroupId,
    String description) {}
