package io.tenet.switches.datapath;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.topology.model.NetworkDataplane;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an earlier knowledge of the same datapath derived, for the next derivation to keep: a
 * network's plan depends only on the network's view, and for a served network on which ports are
 * plugged here and on the hypervisor's tunnel endpoint, patch ports and gateway reach. Where all of
 * those are as they were, the plan is the earlier one, the same object; so are the lists of the
 * network's members' addresses by security group.
 */
final class DerivedBefore {
  static final DerivedBefore NOTHING = new DerivedBefore(Map.of(), false, null, Map.of(), Map.of(), Map.of());

  private final Map<String, NetworkDataplane> networks;
  private final boolean samePorts;
  private final DatapathView view;
  private final Map<String, NetworkPlan> served;
  private final Map<String, NetworkPlan> routed;
  private final Map<String, GroupAddresses> groupAddresses;
  /** The earlier view's local ports by network, grouped on first use: a filter per kept network walked every port once per network. */
  private Map<String, List<LocalPort>> localsByNetwork;

  private DerivedBefore(Map<String, NetworkDataplane> networks, boolean samePorts, DatapathView view, Map<String, NetworkPlan> served,
      Map<String, NetworkPlan> routed, Map<String, GroupAddresses> groupAddresses) {
    this.networks = networks;
    this.samePorts = samePorts;
    this.view = view;
    this.served = served;
    this.routed = routed;
    this.groupAddresses = groupAddresses;
  }

  /** What {@code earlier} derived (null: nothing), as far as it still holds for {@code now} deriving with these arguments. */
  static DerivedBefore of(DatapathKnowledge earlier, DatapathKnowledge now, String encapIp, Map<String, Long> physicalNetworkPorts, GatewayReach reach) {
    if (earlier == null || earlier.derivedView() == null) return NOTHING;
    DatapathView view = earlier.derivedView();
    boolean samePorts = encapIp.equals(view.encapIp()) && physicalNetworkPorts.equals(earlier.derivedPhysicalPorts()) && reach.equals(earlier.derivedReach())
        && earlier.plugged().equals(now.plugged()) && earlier.networkOfPort().equals(now.networkOfPort())
        && earlier.bridgedNetworks().equals(now.bridgedNetworks());
    return new DerivedBefore(earlier.networks(), samePorts, view, byId(view.networks()), byId(view.routedNetworks()), earlier.derivedGroupAddresses());
  }

  private static Map<String, NetworkPlan> byId(List<NetworkPlan> plans) {
    Map<String, NetworkPlan> byId = new HashMap<>();
    for (NetworkPlan plan : plans) byId.put(plan.networkId(), plan);
    return byId;
  }

  /** The earlier plan of a network served here, if it was derived from this very view of it and the ports here are as they were; else null. */
  NetworkPlan servedPlan(NetworkDataplane network) {
    return samePorts && networks.get(network.networkId()) == network ? served.get(network.networkId()) : null;
  }

  /** The local ports of a network whose earlier plan is kept, in the order they were derived. */
  List<LocalPort> localsOf(String networkId) {
    if (localsByNetwork == null) {
      localsByNetwork = new HashMap<>();
      for (LocalPort port : view.localPorts()) localsByNetwork.computeIfAbsent(port.networkId(), id -> new ArrayList<>()).add(port);
    }
    return localsByNetwork.getOrDefault(networkId, List.of());
  }

  /** The network's group member addresses: those derived before if from this very view of it, else derived now. */
  GroupAddresses groupAddresses(NetworkDataplane network) {
    GroupAddresses known = groupAddresses.get(network.networkId());
    return known != null && known.source() == network ? known : GroupAddresses.of(network);
  }

  /** The earlier plan of a network only routed to (its remote ports are all it has), if derived from this very view of it; else null. */
  NetworkPlan routedPlan(NetworkDataplane network) {
    return networks.get(network.networkId()) == network ? routed.get(network.networkId()) : null;
  }
}
