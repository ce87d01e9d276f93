package io.tenet.topology.model;

import java.time.Instant;
import java.util.List;

/** A security group as the API shows it. */
public record SecurityGroupView(
    String id,
    String tenantId,
    String name,
    String description,
    List<SecurityGroupRule> rules,
    Instant createdAt,
    Instant updatedAt,
    long revision) {}
