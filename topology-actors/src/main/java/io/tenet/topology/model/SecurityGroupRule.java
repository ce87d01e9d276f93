package io.tenet.topology.model;

/**
 * One allow rule of a security group. Null protocol means any; null port bounds mean all ports;
 * at most one of {@code remoteIpPrefix} and {@code remoteGroupId} is set (neither: any address).
 */
public record SecurityGroupRule(
    String id,
    RuleDirection direction,
    String ethertype,
    String protocol,
    Integer portRangeMin,
    Integer portRangeMax,
    String remoteIpPrefix,
    String remoteGroupId,
    String description) {}
