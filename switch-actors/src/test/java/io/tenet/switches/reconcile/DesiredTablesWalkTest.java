package io.tenet.switches.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.GroupPlan;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import io.tenet.switches.compile.RouterLeg;
import io.tenet.switches.compile.RouterPlan;
import io.tenet.topology.model.RuleDirection;
import io.tenet.topology.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random walks of one datapath's view (ports plugged here, on other hypervisors or gone; networks
 * served, only routed to or unknown; remote-group members coming and going): at every step the
 * parts together are exactly what the whole compiler makes, and a switch that held any earlier
 * step and received only the changes since holds exactly that too.
 */
class DesiredTablesWalkTest {
  private static final List<String> NETWORKS = List.of("net-a", "net-b", "net-c");
  private static final List<String> ELSEWHERE = List.of("172.31.99.2", "172.31.99.3");
  private static final int PORTS_PER_NETWORK = 6;
  private static final List<SecurityGroupRule> DEFAULT_RULES = List.of(
      new SecurityGroupRule("ssh", RuleDirection.INGRESS, "IPv4", "tcp", 22, 22, null, "default", ""),
      new SecurityGroupRule("out", RuleDirection.EGRESS, "IPv4", null, null, null, null, null, ""));

  /** web admits http from {@code remote}: from default, one remote group per table; from web itself, two in the ingress table. */
  private static List<SecurityGroupRule> webRules(String remote) {
    return List.of(new SecurityGroupRule("http", RuleDirection.INGRESS, "IPv4", "tcp", 80, 80, null, remote, ""));
  }

  /** Each port's groups, by its index in its network: some in one, some in both, some in none. */
  private static List<String> groupsOf(int i) {
    return switch (i % 4) {
      case 0 -> List.of("default");
      case 1 -> List.of();
      case 2 -> List.of("default", "web");
      default -> List.of("web");
    };
  }

  /**
   * Where each port of the pool is this step: -1 gone, 0 here, 1.. on the hypervisor
   * ELSEWHERE[where - 1]. The port {@code stale}, if here, is still listed elsewhere too, as a
   * network's view says until it learns of the move: its ARP answer and neighbor entry are then
   * held by two parts. {@code webFromItself}: web's rule names web (else default).
   */
  private record Step(int[] where, boolean routerUp, int stale, boolean webFromItself) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void everyStepHoldsExactlyWhatTheCompilerWants(long seed) {
    Random random = new Random(seed);
    List<DesiredTables> generations = new ArrayList<>(List.of(DesiredTables.NONE));
    List<SwitchTables> held = new ArrayList<>(List.of(SwitchTables.EMPTY));
    int[] where = new int[NETWORKS.size() * PORTS_PER_NETWORK];
    java.util.Arrays.fill(where, -1);
    for (int step = 0; step < 60; step++) {
      // a few ports move each step, as views arrive one change at a time
      for (int moves = 1 + random.nextInt(3); moves > 0; moves--) where[random.nextInt(where.length)] = random.nextInt(ELSEWHERE.size() + 2) - 1;
      DatapathView view = view(new Step(where.clone(), random.nextInt(4) != 0, random.nextInt(where.length), random.nextInt(3) == 0));
      DesiredTables next = generations.get(generations.size() - 1).next(view);
      SwitchTables compiled = SwitchTables.desired(FlowCompiler.compile(view));
      assertSame(compiled, next.merged(), "seed " + seed + " step " + step + ": the parts together");
      // the switch may have held an older generation: a batch was in flight while views arrived
      int since = Math.max(0, generations.size() - 1 - random.nextInt(3));
      assertSame(compiled, afterApplying(held.get(since), next.changesFrom(generations.get(since))),
          "seed " + seed + " step " + step + ": changes since generation " + since);
      generations.add(next);
      held.add(compiled);
    }
  }

  private static DatapathView view(Step step) {
    List<LocalPort> locals = new ArrayList<>();
    List<NetworkPlan> plans = new ArrayList<>();
    // by group, then network: network b reuses network a's addresses (overlapping ranges), so an address can be in a group twice
    Map<String, Map<String, java.util.TreeSet<String>>> members = new java.util.HashMap<>();
    boolean[] servedHere = new boolean[NETWORKS.size()];
    for (int n = 0; n < NETWORKS.size(); n++) {
      List<RemotePort> remotes = new ArrayList<>();
      for (int i = 0; i < PORTS_PER_NETWORK; i++) {
        int index = n * PORTS_PER_NETWORK + i;
        int at = step.where()[index];
        if (at < 0) continue;
        String portId = NETWORKS.get(n) + "-" + i;
        String mac = String.format("fa:16:3e:0%d:00:%02x", n, i);
        String ip = "10." + (n == 1 ? 0 : n) + ".0." + (10 + i);
        for (String groupId : groupsOf(i)) {
          members.computeIfAbsent(groupId, g -> new java.util.HashMap<>()).computeIfAbsent(NETWORKS.get(n), x -> new java.util.TreeSet<>()).add(ip);
        }
        if (at == 0) {
          locals.add(new LocalPort(portId, NETWORKS.get(n), 10 + index, mac, List.of(ip), true, List.of(), groupsOf(i)));
          servedHere[n] = true;
          if (index == step.stale()) remotes.add(new RemotePort(portId, mac, List.of(ip), ELSEWHERE.get(0)));
        } else {
          remotes.add(new RemotePort(portId, mac, List.of(ip), ELSEWHERE.get(at - 1)));
        }
      }
      plans.add(new NetworkPlan(NETWORKS.get(n), 4096 + n, n != 1, remotes));
    }
    // r1 joins networks a and c: c is only routed to while it has no port here and a has one
    List<RouterLeg> legs = List.of(new RouterLeg("net-a", 4096, "r1-a", "fa:16:3e:00:01:0a", "10.0.0.1", "10.0.0.0/24"),
        new RouterLeg("net-c", 4098, "r1-c", "fa:16:3e:00:01:0c", "10.2.0.1", "10.2.0.0/24"));
    boolean routes = step.routerUp() && (servedHere[0] || servedHere[2]);
    List<RouterPlan> routers = routes ? List.of(new RouterPlan("r1", legs, List.of())) : List.of();
    List<NetworkPlan> routed = new ArrayList<>();
    if (routes && !servedHere[0]) routed.add(plans.get(0));
    if (routes && !servedHere[2]) routed.add(plans.get(2));
    List<NetworkPlan> served = new ArrayList<>();
    for (int n = 0; n < plans.size(); n++) if (servedHere[n]) served.add(plans.get(n));
    Map<String, GroupPlan> groups = Map.of(
        "default", new GroupPlan("default", DEFAULT_RULES, addresses(members.get("default"))),
        "web", new GroupPlan("web", webRules(step.webFromItself() ? "web" : "default"), addresses(members.get("web"))));
    return new DatapathView("0000000000000001", "172.31.99.1", 1, locals, served, routed, routers, groups);
  }

  private static Map<String, List<String>> addresses(Map<String, java.util.TreeSet<String>> byNetwork) {
    Map<String, List<String>> lists = new java.util.HashMap<>();
    if (byNetwork != null) byNetwork.forEach((networkId, addresses) -> lists.put(networkId, List.copyOf(addresses)));
    return lists;
  }

  private static SwitchTables afterApplying(SwitchTables held, TableChanges changes) {
    InstalledTables installed = InstalledTables.of(held);
    installed.apply(changes);
    return installed.snapshot();
  }

  private static void assertSame(SwitchTables expected, SwitchTables actual, String what) {
    Set<FlowKey> missing = new HashSet<>(expected.flows().keySet());
    missing.removeAll(actual.flows().keySet());
    Set<FlowKey> extra = new HashSet<>(actual.flows().keySet());
    extra.removeAll(expected.flows().keySet());
    assertTrue(missing.isEmpty() && extra.isEmpty(), what + ": missing " + missing + ", not wanted " + extra);
    expected.flows().forEach((key, flow) -> assertTrue(flow.sameAs(actual.flows().get(key)), what + ": flow differs at " + key));
    assertEquals(expected.groups().keySet(), actual.groups().keySet(), what);
    expected.groups().forEach((id, group) -> assertTrue(group.sameAs(actual.groups().get(id)), what + ": group differs: " + id));
  }
}
