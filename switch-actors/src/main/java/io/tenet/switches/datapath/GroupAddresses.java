package io.tenet.switches.datapath;

import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.NetworkDataplane;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The addresses one network's members may send from (their IPs and address pairs), by security
 * group, each group's sorted: what remote-group rules match on. Derived from {@code source}, the
 * network's view, and kept while that view is the one known: the lists of networks that did not
 * change stay the same objects from one derivation to the next.
 */
record GroupAddresses(NetworkDataplane source, Map<String, List<String>> byGroup) {
  static GroupAddresses of(NetworkDataplane network) {
    Map<String, TreeSet<String>> collected = new HashMap<>();
    for (DataplaneMember member : network.members()) {
      for (String groupId : member.securityGroupIds()) {
        TreeSet<String> addresses = collected.computeIfAbsent(groupId, id -> new TreeSet<>());
        addresses.addAll(member.ips());
        member.allowedAddressPairs().forEach(pair -> addresses.add(pair.ipAddress()));
      }
    }
    Map<String, List<String>> byGroup = new HashMap<>();
    collected.forEach((groupId, addresses) -> byGroup.put(groupId, List.copyOf(addresses)));
    return new GroupAddresses(network, Map.copyOf(byGroup));
  }
}
