package io.tenet.switches.compile;

import io.tenet.topology.model.SecurityGroupRule;
import java.util.List;

/**
 * A security group as the ACL flows need it: its rules, and the addresses its members may send
 * from (their IPs and address pairs, on the networks this datapath knows: traffic from any other
 * network cannot reach it), for the rules of other groups that name it as remote group.
 */
public record GroupPlan(String groupId, List<SecurityGroupRule> rules, List<String> memberAddresses) {
  public GroupPlan {
    rules = List.copyOf(rules);
    memberAddresses = List.copyOf(memberAddresses);
  }
}
