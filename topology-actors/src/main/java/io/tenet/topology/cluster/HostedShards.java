package io.tenet.topology.cluster;

/** How many shards of one entity type a member hosts, and how many entities they hold. */
public record HostedShards(int shards, int entities) {}
