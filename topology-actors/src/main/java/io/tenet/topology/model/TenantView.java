package io.tenet.topology.model;

import java.time.Instant;

/** A tenant as an administrator sees it. */
public record TenantView(String id, String name, String defaultSecurityGroupId, Instant createdAt) {}
