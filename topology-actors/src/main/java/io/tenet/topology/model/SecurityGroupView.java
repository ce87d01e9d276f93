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
    Realization realization,
    List<String> tags) {
  public SecurityGroupView {
    tags = Lists.copyOrEmpty(tags); // null in snapshots from before tags
  }

  /** As the entity keeps it: without realization. */
  public SecurityGroupView(String id, String tenantId, String name, String description, List<SecurityGroupRule> rules, Instant createdAt,
      Instant updatedAt, long revision, List<String> tags) {
    this(id, tenantId, name, description, rules, createdAt, updatedAt, revision, null, tags);
  }

  public SecurityGroupView withRealization(Realization now) {
    return new SecurityGroupView(id, tenantId, name, description, rules, createdAt, updatedAt, revision, now, tags);
  }

  /** The same group labelled {@code next}, one revision later. */
  public SecurityGroupView withTags(List<String> next, Instant at) {
    return new SecurityGroupView(id, tenantId, name, description, rules, createdAt, at, revision + 1, null, next);
  }
}
