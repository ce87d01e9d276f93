package io.tenet.bench.jmh;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.GroupPlan;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import io.tenet.topology.validation.SecurityGroupValidation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The hypervisor views the compiler benchmarks work on: one local port per network, the rest elsewhere. */
final class SampleDatapath {
  private SampleDatapath() {}

  /** {@code networks} networks with one local port and {@code remotePerNetwork} remote ports each; the first gets one more when {@code plusOne}. */
  static DatapathView view(int networks, int remotePerNetwork, boolean plusOne) {
    return view(networks, remotePerNetwork, plusOne, SampleGroups.NONE);
  }

  /**
   * As above, the ports in {@code groups}: a group holds Neutron's default rules (ingress only
   * from the group's members), and every port of its networks is a member, as a tenant's ports are
   * unless told otherwise.
   */
  static DatapathView view(int networks, int remotePerNetwork, boolean plusOne, SampleGroups groups) {
    Map<String, List<String>> members = new HashMap<>();
    List<LocalPort> locals = new ArrayList<>();
    List<NetworkPlan> plans = new ArrayList<>();
    for (int n = 0; n < networks; n++) {
      String networkId = "net-" + n;
      List<String> groupIds = groups.groupOf(n).map(List::of).orElse(List.of());
      List<String> addresses = new ArrayList<>();
      locals.add(new LocalPort("local-" + n, networkId, 10 + n, mac(n, 0), List.of(ip(n, 2)), true, List.of(), groupIds));
      addresses.add(ip(n, 2));
      List<RemotePort> remotes = new ArrayList<>();
      int count = remotePerNetwork + (plusOne && n == 0 ? 1 : 0);
      for (int p = 0; p < count; p++) {
        remotes.add(new RemotePort("remote-" + n + "-" + p, mac(n, p + 1), List.of(ip(n, p + 3)), "192.168." + (p % 250) + "." + (1 + p / 250)));
        addresses.add(ip(n, p + 3));
      }
      plans.add(new NetworkPlan(networkId, 4096 + n, true, remotes));
      groups.groupOf(n).ifPresent(groupId -> members.computeIfAbsent(groupId, g -> new ArrayList<>()).addAll(addresses));
    }
    Map<String, GroupPlan> plansByGroup = new HashMap<>();
    members.forEach((groupId, addresses) -> plansByGroup.put(groupId,
        new GroupPlan(groupId, SecurityGroupValidation.defaultGroup(groupId).rules(), addresses)));
    return new DatapathView("0000000000000001", "192.168.255.1", 1, locals, plans, List.of(), List.of(), plansByGroup);
  }

  private static String mac(int network, int port) {
    return String.format("fa:16:3e:%02x:%02x:%02x", network & 0xff, (port >> 8) & 0xff, port & 0xff);
  }

  /** 10.n.x.y, distinct for up to 65 k ports per network and 256 networks. */
  private static String ip(int network, int host) {
    return "10." + network + "." + (host >> 8) + "." + (host & 0xff);
  }
}
