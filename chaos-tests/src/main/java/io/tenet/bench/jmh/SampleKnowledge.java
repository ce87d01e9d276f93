package io.tenet.bench.jmh;

import io.tenet.switches.datapath.DatapathKnowledge;
import io.tenet.switches.ovsdb.InterfaceBinding;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.SecurityGroupDataplane;
import io.tenet.topology.model.SecurityGroupRule;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.validation.SecurityGroupValidation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a datapath learns, in the form it learns it (network and group views), for the same
 * hypervisor as {@link SampleDatapath}: one local port per network, the rest elsewhere.
 */
final class SampleKnowledge {
  static final String DATAPATH = "0000000000000001";
  static final String ENCAP_IP = "192.168.255.1";

  private SampleKnowledge() {}

  /** A datapath that knows {@code networks} networks of one local port and {@code remotePerNetwork} remote ports each. */
  static DatapathKnowledge knowledge(int networks, int remotePerNetwork, SampleGroups groups) {
    Map<String, InterfaceBinding> plugged = new HashMap<>();
    for (int n = 0; n < networks; n++) plugged.put("local-" + n, new InterfaceBinding("tap" + n, 10 + n, "local-" + n, null));
    DatapathKnowledge knowledge = DatapathKnowledge.empty(DATAPATH).withPlugged(plugged);
    for (int n = 0; n < networks; n++) knowledge = knowledge.withPortInNetwork("local-" + n, "net-" + n);
    Set<String> groupIds = new TreeSet<>();
    for (int n = 0; n < networks; n++) {
      knowledge = knowledge.withNetwork(network(n, remotePerNetwork, groups, 1));
      groups.groupOf(n).ifPresent(groupIds::add);
    }
    for (String groupId : groupIds) {
      List<SecurityGroupRule> rules = SecurityGroupValidation.defaultGroup(groupId).rules();
      knowledge = knowledge.withGroup(new SecurityGroupDataplane(groupId, "tenant-" + groupId, rules, 1));
    }
    return knowledge;
  }

  /** Network {@code n}'s view at {@code version}, with {@code remote} ports on other hypervisors. */
  static NetworkDataplane network(int n, int remote, SampleGroups sampleGroups, long version) {
    List<String> groups = sampleGroups.groupOf(n).map(List::of).orElse(List.of());
    List<DataplaneMember> members = new ArrayList<>();
    members.add(new DataplaneMember("local-" + n, mac(n, 0), List.of(ip(n, 2)), true, new PortBinding(DATAPATH, "hv", ENCAP_IP, 10 + n), null, List.of(), groups));
    for (int p = 0; p < remote; p++) {
      String encapIp = "192.168." + (p % 250) + "." + (1 + p / 250);
      PortBinding elsewhere = new PortBinding(String.format("%016x", 2 + p), "hv-" + p, encapIp, 5);
      members.add(new DataplaneMember("remote-" + n + "-" + p, mac(n, p + 1), List.of(ip(n, p + 3)), true, elsewhere, null, List.of(), groups));
    }
    Subnet subnet = new Subnet("subnet-" + n, "", "10." + n + ".0.0/16", "10." + n + ".0.1", List.of(), true, "10." + n + ".0.2", List.of(), List.of(), List.of());
    return new NetworkDataplane("net-" + n, 4096 + n, 1450, List.of(subnet), members, version, null);
  }

  private static String mac(int network, int port) {
    return String.format("fa:16:3e:%02x:%02x:%02x", network & 0xff, (port >> 8) & 0xff, port & 0xff);
  }

  private static String ip(int network, int host) {
    return "10." + network + "." + (host >> 8) + "." + (host & 0xff);
  }
}
