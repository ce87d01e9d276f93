package io.tenet.topology.dataplane;

import io.tenet.persistence.TenetSerializable;

/**
 * One table of a trace: the flow that matched (match and actions in ovs-ofctl syntax; for a group,
 * its buckets appended) and what its cookie says: {@code owner} is pipeline, network, port or rule,
 * {@code ownerId} the id of that object.
 */
public record TraceTableStep(int table, String tableName, int priority, String match, String actions, String cookie, String owner,
    String ownerId) implements TenetSerializable {}
