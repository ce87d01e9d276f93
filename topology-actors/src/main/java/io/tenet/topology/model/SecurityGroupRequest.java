package io.tenet.topology.model;

import java.util.List;

/** A security group as a client asks to create it. */
public record SecurityGroupRequest(String id, String tenantId, String name, String description, List<SecurityGroupRuleRequest> rules) {}
