package io.tenet.topology.model;

import io.tenet.topology.realization.Realization;
import java.time.Instant;
import java.util.List;

/**
 * A security group as the API shows it. {@code realization} (null in the entity's state) says which
 * datapaths enforcing it have confirmed its current version.
 */
public record SecurityGroupView(
    String id,
    String tenantId,
    String name,
    String description,
    List<SecurityGroupRule> rules,
    Instant createdAt,
    Instant updatedAt,
    long revision,
    Realization realization) {

  /** As the entity keeps it: without realization. */
  public SecurityGroupView(String id, String tenantId, String name, String description, List<SecurityGroupRule> rules, Instant createdAt,
      Instant updatedAt, long revision) {
    this(id, tenantId, name, description, rules, createdAt, updatedAt, revision, null);
  }

  public SecurityGroupView withRealization(Realization now) {
    return new SecurityGroupView(id, tenantId, name, description, rules, createdAt, updatedAt, revision, now);
  }
}
