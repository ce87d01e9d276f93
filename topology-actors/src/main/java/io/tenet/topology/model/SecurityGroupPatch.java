package io.tenet.topology.model;

import java.util.List;

/** Changes to a security group; a null field stays as it is; {@code rules} replaces all rules. */
public record SecurityGroupPatch(String name, String description, List<SecurityGroupRuleRequest> rules) {}
