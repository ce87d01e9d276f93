package io.tenet.topology.model;

import java.util.List;

/**
 * What a datapath enforcing a security group must know of it: its rules. Which ports are members
 * comes from the networks' views (each member names its groups). {@code version} is the group's
 * sequence number: of two views, the higher is the newer.
 */
public record SecurityGroupDataplane(String groupId, String tenantId, List<SecurityGroupRule> rules, long version) {
  public SecurityGroupDataplane {
    rules = Lists.copyOrEmpty(rules);
  }

  /** What a datapath knows of a group that does not exist (any more): no rule, and no later view replaces it (ids are never reused). */
  public static SecurityGroupDataplane absent(String groupId) {
    return new SecurityGroupDataplane(groupId, null, List.of(), Long.MAX_VALUE);
  }

  public boolean exists() {
    return tenantId != null;
  }
}
