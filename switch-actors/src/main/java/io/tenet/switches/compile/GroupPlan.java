package io.tenet.switches.compile;

import io.tenet.topology.model.SecurityGroupRule;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A security group as the ACL flows need it: its rules, and the addresses its members may send
 * from (their IPs and address pairs, on the networks this datapath knows: traffic from any other
 * network cannot reach it), for the rules of other groups that name it as remote group. The
 * addresses are kept by network, each network's sorted: a port joining one network changes that
 * network's list only, and the lists of the others stay the objects they were.
 */
public record GroupPlan(String groupId, List<SecurityGroupRule> rules, Map<String, List<String>> addressesByNetwork) {
  public GroupPlan {
    rules = List.copyOf(rules);
    addressesByNetwork = Map.copyOf(addressesByNetwork);
  }

  /** A group whose addresses are not told apart by network (sorted here, as every network's list is). */
  public GroupPlan(String groupId, List<SecurityGroupRule> rules, List<String> memberAddresses) {
    this(groupId, rules, memberAddresses.isEmpty() ? Map.of() : Map.of("", List.copyOf(new TreeSet<>(memberAddresses))));
  }

  public boolean hasMembers() {
    return addressesByNetwork.values().stream().anyMatch(addresses -> !addresses.isEmpty());
  }

  /** Every member address once, sorted (an address on two networks, overlapping ranges, is one). */
  public List<String> memberAddresses() {
    TreeSet<String> all = new TreeSet<>();
    addressesByNetwork.values().forEach(all::addAll);
    return List.copyOf(all);
  }
}
