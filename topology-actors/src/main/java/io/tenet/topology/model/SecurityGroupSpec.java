package io.tenet.topology.model;

import java.util.List;

/** A validated security group. */
public record SecurityGroupSpec(String name, String description, List<SecurityGroupRule> rules) {
  public SecurityGroupSpec {
    rules = Lists.copyOrEmpty(rules);
  }
}
