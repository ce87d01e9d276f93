package io.tenet.switches.datapath;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import io.tenet.switches.compile.BridgeHostPlan;
import io.tenet.switches.compile.BridgePlan;
import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.ExternalPlan;
import io.tenet.switches.compile.FloatingIpPlan;
import io.tenet.switches.compile.GatewayGate;
import io.tenet.switches.compile.GatewayHop;
import io.tenet.switches.compile.GatewayPlan;
import io.tenet.switches.compile.GroupPlan;
import io.tenet.switches.compile.HashedIds;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import io.tenet.switches.compile.RouterExit;
import io.tenet.switches.compile.RouterLeg;
import io.tenet.switches.compile.RouterPlan;
import io.tenet.switches.compile.StaticRoute;
import io.tenet.switches.ovsdb.InterfaceBinding;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.ExternalGateway;
import io.tenet.topology.model.GatewayHost;
import io.tenet.topology.model.L2Bridge;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.model.RouterDataplane;
import io.tenet.topology.model.RouterInterface;
import io.tenet.topology.model.SecurityGroupDataplane;
import io.tenet.topology.model.Subnet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one datapath knows at one moment, and the compiler's view derived from it (pure):
 * the VM interfaces its hypervisor reports ({@code plugged}, by logical port id), the network of
 * each port as its Port entity confirmed it ({@code networkOfPort}), ports that do not exist
 * ({@code absentPorts}: plugged before they were created, or stale), the newest view of every
 * network it serves or routes to, of every router attached to a network it serves, and of every
 * security group it enforces. Immutable.
 */
public final class DatapathKnowledge {
  private static final Interner<RemotePort> REMOTE_PORTS = Interners.newWeakInterner();
  // a network's view reaches all its datapaths as one object (on this node): its remote ports are made once per view, not once per datapath
  private static final Cache<NetworkDataplane, Map<String, RemotePort>> REMOTE_PORTS_OF_VIEW = CacheBuilder.newBuilder().weakKeys().build();

  private final String datapathId;
  private final Map<String, InterfaceBinding> plugged;
  private final Map<String, String> networkOfPort;
  private final Set<String> absentPorts;
  private final Map<String, NetworkDataplane> networks;
  private final Map<String, RouterDataplane> routers;
  private final Map<String, SecurityGroupDataplane> groups;
  // The routers whose external gateway this datapath carries (with its NAT zone here), and the MACs
  // of external networks' hosts learned from their ARP answers (by network, then address).
  private final Map<String, Integer> gatewayZones;
  private final Map<String, Map<String, String>> neighbors;
  // The networks whose layer-2 gateway this datapath carries: served even without a local port.
  private final Set<String> bridgedNetworks;

  // Derived on first use: knowledge never changes once made, and a datapath asks for these several
  // times per reconcile (bench fleet: a fifth of the node's CPU went to deriving them again). Filled
  // without locks: a knowledge belongs to one datapath actor, which reads it one message at a time.
  private Set<String> servedNetworks;
  // asked on every tick (twice a second) by each datapath: a hundred ports sorted each time was a twentieth of a busy node
  private Set<String> unresolvedPorts;
  private Set<String> missingNetworks;
  private Set<String> neededRouters;
  private Set<String> routedNetworks;
  private Set<String> neededGroups;
  private Map<String, LocalGroups> localGroups;
  private Map<String, GroupPlan> groupPlans;
  private Map<String, GroupAddresses> groupAddresses = Map.of();
  private Set<String> gatewayPeers;
  private Boolean complete;
  private DatapathView view;
  private Map<String, Long> viewPhysicalPorts = Map.of();
  private GatewayReach viewReach = GatewayReach.NONE;
  // The latest earlier knowledge that derived a view, until this one derives its own: a network
  // whose view and whose ports here are as they were then keeps its plan, the same object, so
  // compiling the new view finds it unchanged without comparing its ports (one datapath serving
  // 100 networks of 250 ports compared all 25,000 on every change).
  private DatapathKnowledge derivedBefore;

  public DatapathKnowledge(String datapathId, Map<String, InterfaceBinding> plugged, Map<String, String> networkOfPort, Set<String> absentPorts,
      Map<String, NetworkDataplane> networks, Map<String, RouterDataplane> routers, Map<String, SecurityGroupDataplane> groups) {
    this(null, datapathId, plugged, networkOfPort, absentPorts, networks, routers, groups, Map.of(), Map.of(), Set.of());
  }

  /** {@code predecessor}: the knowledge this one was made from, whose view the new view may reuse parts of. */
  private DatapathKnowledge(DatapathKnowledge predecessor, String datapathId, Map<String, InterfaceBinding> plugged, Map<String, String> networkOfPort, Set<String> absentPorts,
      Map<String, NetworkDataplane> networks, Map<String, RouterDataplane> routers, Map<String, SecurityGroupDataplane> groups,
      Map<String, Integer> gatewayZones, Map<String, Map<String, String>> neighbors, Set<String> bridgedNetworks) {
    this.derivedBefore = predecessor == null ? null : predecessor.view != null ? predecessor : predecessor.derivedBefore;
    this.gatewayZones = Map.copyOf(gatewayZones);
    this.bridgedNetworks = Set.copyOf(bridgedNetworks);
    this.neighbors = Map.copyOf(neighbors);
    this.datapathId = datapathId;
    this.plugged = Map.copyOf(plugged);
    this.networkOfPort = Map.copyOf(networkOfPort);
    this.absentPorts = Set.copyOf(absentPorts);
    this.networks = Map.copyOf(networks);
    this.routers = Map.copyOf(routers);
    this.groups = Map.copyOf(groups);
  }

  public static DatapathKnowledge empty(String datapathId) {
    return new DatapathKnowledge(datapathId, Map.of(), Map.of(), Set.of(), Map.of(), Map.of(), Map.of());
  }

  public String datapathId() {
    return datapathId;
  }

  public Map<String, InterfaceBinding> plugged() {
    return plugged;
  }

  public Map<String, String> networkOfPort() {
    return networkOfPort;
  }

  public Set<String> absentPorts() {
    return absentPorts;
  }

  public Map<String, NetworkDataplane> networks() {
    return networks;
  }

  public Map<String, RouterDataplane> routers() {
    return routers;
  }

  public Map<String, SecurityGroupDataplane> groups() {
    return groups;
  }

  private DatapathKnowledge with(Map<String, String> nextPorts, Set<String> nextAbsent, Map<String, NetworkDataplane> nextNetworks) {
    return new DatapathKnowledge(this, datapathId, plugged, nextPorts, nextAbsent, nextNetworks, routers, groups, gatewayZones, neighbors, bridgedNetworks);
  }

  /** The routers whose external gateway this datapath carries, with each one's NAT zone here (as the entity persisted them). */
  public DatapathKnowledge withGateways(Map<String, Integer> zones) {
    if (zones.equals(gatewayZones)) return this;
    return new DatapathKnowledge(this, datapathId, plugged, networkOfPort, absentPorts, networks, routers, groups, zones, neighbors, bridgedNetworks).withoutUnneeded();
  }

  public Map<String, Integer> gatewayZones() {
    return gatewayZones;
  }

  /** The networks whose layer-2 gateway this datapath carries (as the entity persisted them). */
  public DatapathKnowledge withBridges(Set<String> bridged) {
    if (bridged.equals(bridgedNetworks)) return this;
    return new DatapathKnowledge(this, datapathId, plugged, networkOfPort, absentPorts, networks, routers, groups, gatewayZones, neighbors, bridged).withoutUnneeded();
  }

  /** The view derived last (null before the first), and what it was derived with. */
  DatapathView derivedView() {
    return view;
  }

  Map<String, Long> derivedPhysicalPorts() {
    return viewPhysicalPorts;
  }

  GatewayReach derivedReach() {
    return viewReach;
  }

  public Set<String> bridgedNetworks() {
    return bridgedNetworks;
  }

  /** A host of an external network answered ARP from {@code ip} with {@code mac}. */
  public DatapathKnowledge withNeighbor(String externalNetworkId, String ip, String mac) {
    if (mac.equals(neighbors.getOrDefault(externalNetworkId, Map.of()).get(ip))) return this;
    Map<String, Map<String, String>> next = new HashMap<>(neighbors);
    Map<String, String> known = new TreeMap<>(next.getOrDefault(externalNetworkId, Map.of()));
    known.put(ip, mac);
    next.put(externalNetworkId, Map.copyOf(known));
    return new DatapathKnowledge(this, datapathId, plugged, networkOfPort, absentPorts, networks, routers, groups, gatewayZones, next, bridgedNetworks);
  }

  /** The hypervisor's current interfaces; what is known of ports no longer plugged is forgotten. */
  public DatapathKnowledge withPlugged(Map<String, InterfaceBinding> nowPlugged) {
    Map<String, String> keptNetworks = new HashMap<>(networkOfPort);
    keptNetworks.keySet().retainAll(nowPlugged.keySet());
    Set<String> keptAbsent = new HashSet<>(absentPorts);
    keptAbsent.retainAll(nowPlugged.keySet());
    return new DatapathKnowledge(this, datapathId, nowPlugged, keptNetworks, keptAbsent, networks, routers, groups, gatewayZones, neighbors, bridgedNetworks).withoutUnneeded();
  }

  public DatapathKnowledge withPortInNetwork(String portId, String networkId) {
    if (!plugged.containsKey(portId)) return this;
    Map<String, String> next = new HashMap<>(networkOfPort);
    next.put(portId, networkId);
    Set<String> absent = new HashSet<>(absentPorts);
    absent.remove(portId);
    return with(next, absent, networks).withoutUnneeded();
  }

  public DatapathKnowledge withPortAbsent(String portId) {
    if (!plugged.containsKey(portId)) return this;
    Map<String, String> next = new HashMap<>(networkOfPort);
    next.remove(portId);
    Set<String> absent = new HashSet<>(absentPorts);
    absent.add(portId);
    return with(next, absent, networks).withoutUnneeded();
  }

  /**
   * Keeps the view if it is newer and a local port belongs to its network, or a router here
   * reaches it. A view is also news about membership: a port plugged here that the view places
   * here belongs to that network, even if its Port entity had not been created when we asked (it
   * bound itself once created).
   */
  public DatapathKnowledge withNetwork(NetworkDataplane view) {
    NetworkDataplane known = networks.get(view.networkId());
    if (known != null && known.version() >= view.version()) return this;
    // the maps stay the same objects when the view adopts no port: what is derived from them is kept by identity
    Map<String, String> ports = networkOfPort;
    Set<String> absent = absentPorts;
    for (DataplaneMember member : view.membersOn(datapathId)) {
      if (plugged.containsKey(member.portId()) && !ports.containsKey(member.portId())) {
        if (ports == networkOfPort) {
          ports = new HashMap<>(networkOfPort);
          absent = new HashSet<>(absentPorts);
        }
        ports.put(member.portId(), view.networkId());
        absent.remove(member.portId());
      }
    }
    if (!ports.containsValue(view.networkId()) && !routedNetworks().contains(view.networkId()) && !bridgedNetworks.contains(view.networkId())) return this;
    Map<String, NetworkDataplane> next = new HashMap<>(networks);
    next.put(view.networkId(), view);
    return with(ports, absent, next).withoutUnneeded();
  }

  /** Keeps the router's view if it is newer and a served network is attached to it. */
  public DatapathKnowledge withRouter(RouterDataplane view) {
    RouterDataplane known = routers.get(view.routerId());
    if (known != null && known.version() >= view.version()) return this;
    if (!neededRouters().contains(view.routerId())) return this;
    Map<String, RouterDataplane> next = new HashMap<>(routers);
    next.put(view.routerId(), view);
    return new DatapathKnowledge(this, datapathId, plugged, networkOfPort, absentPorts, networks, next, groups, gatewayZones, neighbors, bridgedNetworks).withoutUnneeded();
  }

  /** The router does not exist (any more): it routes nothing here. */
  public DatapathKnowledge withoutRouter(String routerId) {
    if (!neededRouters().contains(routerId)) return this;
    Map<String, RouterDataplane> next = new HashMap<>(routers);
    next.put(routerId, RouterDataplane.absent(routerId));
    return new DatapathKnowledge(this, datapathId, plugged, networkOfPort, absentPorts, networks, next, groups, gatewayZones, neighbors, bridgedNetworks).withoutUnneeded();
  }

  /** The network is gone: its ports are too. */
  public DatapathKnowledge withoutNetwork(String networkId) {
    Map<String, NetworkDataplane> next = new HashMap<>(networks);
    next.remove(networkId);
    Map<String, String> ports = new HashMap<>(networkOfPort);
    Set<String> absent = new HashSet<>(absentPorts);
    networkOfPort.forEach((port, network) -> {
      if (network.equals(networkId)) {
        ports.remove(port);
        absent.add(port);
      }
    });
    return with(ports, absent, next).withoutUnneeded();
  }

  /** Forgets the networks neither served nor routed to and the routers no served network is attached to. */
  private DatapathKnowledge withoutUnneeded() {
    Map<String, RouterDataplane> keptRouters = new HashMap<>(routers);
    keptRouters.keySet().retainAll(neededRouters());
    DatapathKnowledge trimmed = keptRouters.size() == routers.size() ? this
        : new DatapathKnowledge(this, datapathId, plugged, networkOfPort, absentPorts, networks, keptRouters, groups, gatewayZones, neighbors, bridgedNetworks);
    Set<String> needed = new HashSet<>(trimmed.servedNetworks());
    needed.addAll(trimmed.routedNetworks());
    Map<String, NetworkDataplane> keptNetworks = new HashMap<>(trimmed.networks);
    keptNetworks.keySet().retainAll(needed);
    DatapathKnowledge kept = keptNetworks.size() == trimmed.networks.size() ? trimmed : trimmed.with(networkOfPort, absentPorts, keptNetworks);
    Map<String, SecurityGroupDataplane> keptGroups = new HashMap<>(kept.groups);
    keptGroups.keySet().retainAll(kept.neededGroups());
    return keptGroups.size() == kept.groups.size() ? kept
        : new DatapathKnowledge(this, datapathId, plugged, kept.networkOfPort, kept.absentPorts, kept.networks, kept.routers, keptGroups, gatewayZones, neighbors, bridgedNetworks);
  }

  /** Keeps the group's view if it is newer and this datapath enforces the group. */
  public DatapathKnowledge withGroup(SecurityGroupDataplane view) {
    SecurityGroupDataplane known = groups.get(view.groupId());
    if (known != null && known.version() >= view.version()) return this;
    if (!neededGroups().contains(view.groupId())) return this;
    Map<String, SecurityGroupDataplane> next = new HashMap<>(groups);
    next.put(view.groupId(), view);
    return new DatapathKnowledge(this, datapathId, plugged, networkOfPort, absentPorts, networks, routers, next, gatewayZones, neighbors, bridgedNetworks).withoutUnneeded();
  }

  /** The group does not exist (any more): it allows nothing here. */
  public DatapathKnowledge withoutGroup(String groupId) {
    if (!neededGroups().contains(groupId)) return this;
    Map<String, SecurityGroupDataplane> next = new HashMap<>(groups);
    next.put(groupId, SecurityGroupDataplane.absent(groupId));
    return new DatapathKnowledge(this, datapathId, plugged, networkOfPort, absentPorts, networks, routers, next, gatewayZones, neighbors, bridgedNetworks).withoutUnneeded();
  }

  /**
   * The groups this datapath enforces: those of its local ports with port security, and the
   * remote groups their rules name (whose members it must recognize).
   */
  public Set<String> neededGroups() {
    if (neededGroups == null) neededGroups = Collections.unmodifiableSet(deriveNeededGroups());
    return neededGroups;
  }

  private Set<String> deriveNeededGroups() {
    Set<String> needed = new TreeSet<>();
    // a network whose view and whose ports here are as the last derivation found keeps its groups: no member is looked at
    DatapathKnowledge earlier = derivedBefore;
    // a newer network view keeps the port map object when it adopts no port, so equals answers at once
    Map<String, LocalGroups> known = earlier != null && earlier.localGroups != null && earlier.plugged.equals(plugged)
        && earlier.networkOfPort.equals(networkOfPort) ? earlier.localGroups : Map.of();
    Map<String, LocalGroups> byNetwork = new HashMap<>();
    for (String networkId : servedNetworks()) {
      NetworkDataplane network = networks.get(networkId);
      if (network == null) continue;
      LocalGroups groupsHere = known.get(networkId);
      if (groupsHere == null || groupsHere.source() != network) groupsHere = localGroupsOf(network);
      byNetwork.put(networkId, groupsHere);
      needed.addAll(groupsHere.groupIds());
    }
    localGroups = byNetwork;
    Set<String> remote = new TreeSet<>();
    for (String groupId : needed) {
      SecurityGroupDataplane group = groups.get(groupId);
      if (group == null) continue;
      group.rules().forEach(rule -> {
        if (rule.remoteGroupId() != null) remote.add(rule.remoteGroupId());
      });
    }
    needed.addAll(remote);
    return needed;
  }

  /** The security groups of a network's ports plugged here with port security, as {@code source}, the network's view, lists them. */
  private record LocalGroups(NetworkDataplane source, Set<String> groupIds) {}

  private LocalGroups localGroupsOf(NetworkDataplane network) {
    Set<String> groupIds = new HashSet<>();
    for (DataplaneMember member : network.members()) {
      if (member.portSecurityEnabled() && plugged.containsKey(member.portId()) && network.networkId().equals(networkOfPort.get(member.portId()))) {
        groupIds.addAll(member.securityGroupIds());
      }
    }
    return new LocalGroups(network, Set.copyOf(groupIds));
  }

  /** The views of the groups this datapath enforces (not those found not to exist). */
  public List<SecurityGroupDataplane> existingGroups() {
    return groups.values().stream().filter(SecurityGroupDataplane::exists).toList();
  }

  /** Enforced groups whose view has not arrived yet. */
  public Set<String> missingGroups() {
    Set<String> missing = new TreeSet<>(neededGroups());
    missing.removeAll(groups.keySet());
    return missing;
  }

  /** Routers with an interface on a served network (as the networks' views tell), and those whose gateway this datapath carries. */
  public Set<String> neededRouters() {
    if (neededRouters == null) neededRouters = Collections.unmodifiableSet(deriveNeededRouters());
    return neededRouters;
  }

  private Set<String> deriveNeededRouters() {
    Set<String> needed = new TreeSet<>(gatewayZones.keySet());
    for (String networkId : servedNetworks()) {
      NetworkDataplane network = networks.get(networkId);
      if (network == null) continue;
      for (DataplaneMember member : network.members()) if (member.routerId() != null) needed.add(member.routerId());
    }
    return needed;
  }

  /** Networks with no local port that a known, running router attached to a served network reaches. */
  public Set<String> routedNetworks() {
    if (routedNetworks == null) routedNetworks = Collections.unmodifiableSet(deriveRoutedNetworks());
    return routedNetworks;
  }

  private Set<String> deriveRoutedNetworks() {
    Set<String> served = servedNetworks();
    Set<String> routed = new TreeSet<>();
    for (String routerId : neededRouters()) {
      RouterDataplane router = routers.get(routerId);
      if (router == null || !router.adminStateUp()) continue;
      for (RouterInterface iface : router.interfaces()) if (!served.contains(iface.networkId())) routed.add(iface.networkId());
    }
    return routed;
  }

  /** The views of the routers this datapath routes for (not those found not to exist). */
  public List<RouterDataplane> existingRouters() {
    return routers.values().stream().filter(RouterDataplane::exists).toList();
  }

  /** Needed routers whose view has not arrived yet. */
  public Set<String> missingRouters() {
    Set<String> missing = new TreeSet<>(neededRouters());
    missing.removeAll(routers.keySet());
    return missing;
  }

  /** Routed networks whose view has not arrived yet. */
  public Set<String> missingRoutedNetworks() {
    Set<String> missing = new TreeSet<>(routedNetworks());
    missing.removeAll(networks.keySet());
    return missing;
  }

  /** Networks with a port plugged here, and those whose layer-2 gateway this datapath carries. */
  public Set<String> servedNetworks() {
    if (servedNetworks == null) {
      Set<String> served = new TreeSet<>(networkOfPort.values());
      served.addAll(bridgedNetworks);
      servedNetworks = Collections.unmodifiableSet(served);
    }
    return servedNetworks;
  }

  /** Plugged ports whose Port entity has not answered yet. */
  public Set<String> unresolvedPorts() {
    if (unresolvedPorts == null) {
      Set<String> unresolved = new TreeSet<>();
      for (String portId : plugged.keySet()) if (!networkOfPort.containsKey(portId) && !absentPorts.contains(portId)) unresolved.add(portId);
      unresolvedPorts = Collections.unmodifiableSet(unresolved);
    }
    return unresolvedPorts;
  }

  /** Served networks whose view has not arrived yet. */
  public Set<String> missingNetworks() {
    if (missingNetworks == null) {
      Set<String> missing = new TreeSet<>();
      for (String networkId : servedNetworks()) if (!networks.containsKey(networkId)) missing.add(networkId);
      missingNetworks = Collections.unmodifiableSet(missing);
    }
    return missingNetworks;
  }

  /** Everything plugged, everything it routes to and every group it enforces is accounted for: only then may reconciliation remove flows. */
  public boolean complete() {
    Boolean known = complete;
    if (known == null) {
      known = unresolvedPorts().isEmpty() && missingNetworks().isEmpty() && missingRouters().isEmpty() && missingRoutedNetworks().isEmpty()
          && missingGroups().isEmpty();
      complete = known;
    }
    return known;
  }

  /**
   * The compiler's view: a local port for every plugged port whose network view lists it, and
   * for each served network the members bound to other datapaths as remote ports. A port
   * plugged here is local even if its network still records the old location (migration).
   */
  public DatapathView view(String encapIp, long tunnelOfport) {
    return view(encapIp, tunnelOfport, Map.of());
  }

  /** {@code physicalNetworkPorts}: br-int's patch port to each physical network linked on this hypervisor. */
  public DatapathView view(String encapIp, long tunnelOfport, Map<String, Long> physicalNetworkPorts) {
    return view(encapIp, tunnelOfport, physicalNetworkPorts, GatewayReach.NONE);
  }

  /** {@code reach}: the peer tunnels to gateway hosts, and which of them this datapath is settled with. */
  public DatapathView view(String encapIp, long tunnelOfport, Map<String, Long> physicalNetworkPorts, GatewayReach reach) {
    DatapathView last = view;
    if (last == null || !Objects.equals(last.encapIp(), encapIp) || last.tunnelOfport() != tunnelOfport || !physicalNetworkPorts.equals(viewPhysicalPorts)
        || !reach.equals(viewReach)) {
      view = last = deriveView(encapIp, tunnelOfport, physicalNetworkPorts, reach);
      viewPhysicalPorts = Map.copyOf(physicalNetworkPorts);
      viewReach = reach;
    }
    return last;
  }

  private DatapathView deriveView(String encapIp, long tunnelOfport, Map<String, Long> physicalNetworkPorts, GatewayReach reach) {
    DerivedBefore before = DerivedBefore.of(derivedBefore, this, encapIp, physicalNetworkPorts, reach);
    derivedBefore = null;
    List<LocalPort> locals = new ArrayList<>();
    List<NetworkPlan> plans = new ArrayList<>();
    for (String networkId : servedNetworks()) {
      NetworkDataplane network = networks.get(networkId);
      if (network == null) continue;
      NetworkPlan known = before.servedPlan(network);
      if (known != null) {
        locals.addAll(before.localsOf(networkId));
        plans.add(known);
        continue;
      }
      List<RemotePort> remotes = new ArrayList<>();
      for (DataplaneMember member : network.members()) {
        InterfaceBinding here = plugged.get(member.portId());
        if (here != null && networkId.equals(networkOfPort.get(member.portId()))) {
          locals.add(new LocalPort(member.portId(), networkId, here.ofport(), member.macAddress(), member.ips(), member.portSecurityEnabled(),
              member.allowedAddressPairs(), member.securityGroupIds()));
        } else if (pluggedElsewhere(member)) {
          remotes.add(remote(network, member));
        }
      }
      plans.add(new NetworkPlan(networkId, network.vni(), anyDhcp(network.subnets()), remotes, bridgePlan(network, encapIp, physicalNetworkPorts, reach)));
    }
    List<NetworkPlan> routedPlans = new ArrayList<>();
    for (String networkId : routedNetworks()) {
      NetworkDataplane network = networks.get(networkId);
      if (network == null) continue;
      NetworkPlan known = before.routedPlan(network);
      if (known != null) {
        routedPlans.add(known);
        continue;
      }
      List<RemotePort> remotes = new ArrayList<>();
      for (DataplaneMember member : network.members()) {
        if (pluggedElsewhere(member)) remotes.add(remote(network, member));
      }
      routedPlans.add(new NetworkPlan(networkId, network.vni(), anyDhcp(network.subnets()), remotes));
    }
    List<GatewayPlan> gateways = gatewayPlans(physicalNetworkPorts, reach);
    return new DatapathView(datapathId, encapIp, tunnelOfport, locals, plans, routedPlans, routerPlans(gateways, reach), groupPlans(before), gateways,
        externalPlans(gateways));
  }

  /**
   * The gateways this datapath may carry: those of running routers it is a host of, where its br-int
   * is linked to the external network's physical network. Each comes with its gate: the hosts
   * ranked before this one, and whether this one is settled with all of them.
   */
  private List<GatewayPlan> gatewayPlans(Map<String, Long> physicalNetworkPorts, GatewayReach reach) {
    List<GatewayPlan> plans = new ArrayList<>();
    for (Map.Entry<String, Integer> hosted : new TreeMap<>(gatewayZones).entrySet()) {
      RouterDataplane router = routers.get(hosted.getKey());
      if (router == null || !router.adminStateUp() || router.externalGateway() == null) continue;
      ExternalGateway gateway = router.externalGateway();
      Long patch = physicalNetworkPorts.get(gateway.segment().physicalNetwork());
      if (!gateway.hasHost(datapathId) || patch == null) continue;
      List<FloatingIpPlan> floating = router.floatingIps().stream().map(b -> new FloatingIpPlan(b.floatingIp(), b.fixedIp()))
          .sorted(java.util.Comparator.comparing(FloatingIpPlan::floatingIp)).toList();
      GatewayGate gate = gate(GatewayGate.GROUP_BASE + hosted.getValue(), gateway.rankedHosts(), reach);
      plans.add(new GatewayPlan(router.routerId(), hosted.getValue(), gateway.macAddress(), gateway.ipAddress(), gateway.enableSnat(), gateway.networkVni(),
          patch, vlanOf(gateway), legs(router), floating, gate));
    }
    return plans;
  }

  /**
   * The network's layer-2 gateway as this datapath implements it: the other hosts' endpoints, and
   * where this datapath carries it (and its br-int is linked to the VLAN's physical network) its
   * gate: the hosts ranked before it, and whether it is settled with all of them.
   */
  private BridgePlan bridgePlan(NetworkDataplane network, String encapIp, Map<String, Long> physicalNetworkPorts, GatewayReach reach) {
    L2Bridge bridge = network.bridge();
    if (bridge == null) return null;
    List<String> others = bridge.hosts().stream().filter(host -> !host.datapathId().equals(datapathId) && host.encapIp() != null)
        .map(GatewayHost::encapIp).filter(ip -> !ip.equals(encapIp)).distinct().sorted().toList();
    Long patch = physicalNetworkPorts.get(bridge.segment().physicalNetwork());
    if (!bridgedNetworks.contains(network.networkId()) || !bridge.hasHost(datapathId) || patch == null) return new BridgePlan(bridge.bridgeVni(), others, null);
    GatewayGate gate = gate(BridgePlan.gateInGroup(bridge.bridgeVni()), bridge.rankedHosts(), reach);
    return new BridgePlan(bridge.bridgeVni(), others, new BridgeHostPlan(patch, bridge.segment().segmentationId(), gate.rankedBefore(), gate.armed()));
  }

  /**
   * This datapath's gate for a gateway whose hosts are {@code ranked}: the hosts ranked before it as
   * it reaches them, and whether it is settled with all of them (armed).
   */
  private GatewayGate gate(long groupId, List<GatewayHost> ranked, GatewayReach reach) {
    List<GatewayHop> before = new ArrayList<>();
    boolean armed = true;
    for (GatewayHost host : ranked) {
      if (host.datapathId().equals(datapathId)) break;
      GatewayHop hop = hop(host, reach);
      if (hop == null) continue;
      before.add(hop);
      armed &= reach.settledPeers().contains(host.encapIp());
    }
    return new GatewayGate(groupId, before, armed);
  }

  /** Another host as this datapath reaches it: through its peer tunnel once OVS gave that a port, else the flow-based tunnel; null without an endpoint. */
  private static GatewayHop hop(GatewayHost host, GatewayReach reach) {
    if (host.encapIp() == null) return null;
    Long port = reach.peerPorts().get(host.encapIp());
    return port != null && port > 0 ? new GatewayHop.Peer(host.encapIp(), port) : new GatewayHop.Unwatched(host.encapIp());
  }

  private static Integer vlanOf(ExternalGateway gateway) {
    return gateway.segment().type() == ProviderType.VLAN ? gateway.segment().segmentationId() : null;
  }

  /**
   * The hypervisors this one keeps a BFD tunnel to (by tunnel endpoint, its own left out): the
   * gateway hosts of every router with a gateway known here, and, for a gateway it hosts, every
   * hypervisor with a port on that router's networks. BFD runs only when both ends have the
   * tunnel, and tells within a few hundred milliseconds when one end is gone.
   */
  public Set<String> gatewayPeers(String ownEncapIp) {
    if (gatewayPeers == null) gatewayPeers = Collections.unmodifiableSet(deriveGatewayPeers());
    if (!gatewayPeers.contains(ownEncapIp)) return gatewayPeers;
    Set<String> others = new TreeSet<>(gatewayPeers);
    others.remove(ownEncapIp);
    return others;
  }

  /** The gateway peers, this hypervisor's own endpoint possibly among them. */
  private Set<String> deriveGatewayPeers() {
    Set<String> peers = new TreeSet<>();
    for (RouterDataplane router : routers.values()) {
      if (router.externalGateway() == null) continue;
      for (GatewayHost host : router.externalGateway().hosts()) {
        if (host.encapIp() != null) peers.add(host.encapIp());
      }
      if (!gatewayZones.containsKey(router.routerId())) continue;
      for (RouterInterface iface : router.interfaces()) {
        NetworkDataplane network = networks.get(iface.networkId());
        if (network == null) continue;
        for (DataplaneMember member : network.members()) if (member.binding() != null) peers.add(member.binding().encapIp());
      }
    }
    // a layer-2 gateway's hosts watch each other (senders copy to all of them and need no BFD)
    for (String networkId : bridgedNetworks) {
      NetworkDataplane network = networks.get(networkId);
      if (network == null || network.bridge() == null) continue;
      network.bridge().hosts().forEach(host -> {
        if (host.encapIp() != null) peers.add(host.encapIp());
      });
    }
    return peers;
  }

  /** One plan per external network the carried gateways are on, with the neighbors learned there. */
  private List<ExternalPlan> externalPlans(List<GatewayPlan> gateways) {
    Map<String, ExternalPlan> plans = new TreeMap<>();
    for (GatewayPlan plan : gateways) {
      ExternalGateway gateway = routers.get(plan.routerId()).externalGateway();
      plans.computeIfAbsent(gateway.networkId(), id -> new ExternalPlan(id, gateway.networkVni(), gateway.cidr(), gateway.nextHop(), plan.patchOfport(),
          plan.vlanId(), neighbors.getOrDefault(id, Map.of())));
    }
    return List.copyOf(plans.values());
  }

  /**
   * Each known group's rules, with the addresses of its members on every network known here
   * (served or routed to), by network; a network whose view {@code before} derived from keeps its lists.
   */
  private Map<String, GroupPlan> groupPlans(DerivedBefore before) {
    if (groupPlans != null) return groupPlans;
    Map<String, GroupAddresses> byNetwork = new HashMap<>();
    for (NetworkDataplane network : networks.values()) byNetwork.put(network.networkId(), before.groupAddresses(network));
    groupAddresses = Map.copyOf(byNetwork);
    // by group, then network: one walk of what each network holds (a group per tenant would make a walk per group quadratic)
    Map<String, Map<String, List<String>>> addressesOf = new HashMap<>();
    byNetwork.forEach((networkId, network) -> network.byGroup().forEach((groupId, addresses) -> {
      if (groups.containsKey(groupId)) addressesOf.computeIfAbsent(groupId, id -> new HashMap<>()).put(networkId, addresses);
    }));
    Map<String, GroupPlan> plans = new HashMap<>();
    for (SecurityGroupDataplane group : groups.values()) {
      if (group.exists()) plans.put(group.groupId(), new GroupPlan(group.groupId(), group.rules(), addressesOf.getOrDefault(group.groupId(), Map.of())));
    }
    groupPlans = Map.copyOf(plans);
    return groupPlans;
  }

  /** What the last derivation found of each network's group members (empty before the first). */
  Map<String, GroupAddresses> derivedGroupAddresses() {
    return groupAddresses;
  }

  private boolean pluggedElsewhere(DataplaneMember member) {
    return member.binding() != null && !member.binding().datapathId().equals(datapathId);
  }

  /**
   * A member plugged into another datapath, reached through its hypervisor's tunnel endpoint. The
   * node's one object for it: every datapath of its network lists it, and a network of n ports on
   * n hypervisors would otherwise keep n copies of each.
   */
  private static RemotePort remote(NetworkDataplane network, DataplaneMember member) {
    Map<String, RemotePort> ofView = REMOTE_PORTS_OF_VIEW.getIfPresent(network);
    if (ofView == null) {
      Map<String, RemotePort> made = new HashMap<>();
      for (DataplaneMember bound : network.members()) {
        if (bound.binding() == null) continue;
        made.put(bound.portId(), REMOTE_PORTS.intern(new RemotePort(bound.portId(), bound.macAddress(), bound.ips(), bound.binding().encapIp(), bound.allowedAddressPairs())));
      }
      ofView = Map.copyOf(made);
      REMOTE_PORTS_OF_VIEW.put(network, ofView); // two datapaths making it at once make equal maps of the same ports
    }
    return ofView.get(member.portId());
  }

  /**
   * Each running router's interfaces on networks whose views are here, with the MAC its network
   * records for the interface's port, and its way out: to the gateway carried here, or through the
   * tunnel to the hypervisor that carries it.
   */
  private List<RouterPlan> routerPlans(List<GatewayPlan> carriedHere, GatewayReach reach) {
    List<RouterPlan> plans = new ArrayList<>();
    Set<String> exiting = new TreeSet<>();
    for (String routerId : neededRouters()) {
      RouterDataplane router = routers.get(routerId);
      if (router != null && router.adminStateUp() && router.externalGateway() != null) exiting.add(routerId);
    }
    Map<String, Long> exitIds = HashedIds.assign(exiting, 0xff_ffffL);
    for (String routerId : neededRouters()) {
      RouterDataplane router = routers.get(routerId);
      if (router == null || !router.adminStateUp()) continue;
      List<StaticRoute> routes = router.routes().stream().map(r -> new StaticRoute(r.destination(), r.nexthop())).toList();
      RouterExit exit = exiting.contains(routerId) ? exit(router, RouterExit.GROUP_BASE + exitIds.get(routerId), carriedHere, reach) : null;
      plans.add(new RouterPlan(routerId, legs(router), routes, exit));
    }
    return plans;
  }

  private List<RouterLeg> legs(RouterDataplane router) {
    List<RouterLeg> legs = new ArrayList<>();
    for (RouterInterface iface : router.interfaces()) {
      NetworkDataplane network = networks.get(iface.networkId());
      if (network == null) continue;
      network.members().stream().filter(m -> m.portId().equals(iface.portId())).findFirst()
          .ifPresent(port -> legs.add(new RouterLeg(iface.networkId(), network.vni(), iface.portId(), port.macAddress(), iface.ipAddress(), iface.cidr())));
    }
    return legs;
  }

  /**
   * The gateway's hosts in rank order as this datapath reaches them: itself only where it carries
   * the gateway and may take it over (armed), another host through its peer tunnel.
   */
  private RouterExit exit(RouterDataplane router, long groupId, List<GatewayPlan> carriedHere, GatewayReach reach) {
    ExternalGateway gateway = router.externalGateway();
    List<GatewayHop> hops = new ArrayList<>();
    for (GatewayHost host : gateway.rankedHosts()) {
      if (host.datapathId().equals(datapathId)) {
        boolean mayCarry = carriedHere.stream().anyMatch(plan -> plan.routerId().equals(router.routerId()) && plan.gate().armed());
        if (!mayCarry) continue;
        hops.add(new GatewayHop.Here());
        break;
      }
      GatewayHop hop = hop(host, reach);
      if (hop == null) continue;
      hops.add(hop);
      if (hop.alwaysLive()) break; // no host after it is ever taken
    }
    return new RouterExit(gateway.macAddress(), groupId, hops);
  }

  private static boolean anyDhcp(Collection<Subnet> subnets) {
    return subnets.stream().anyMatch(Subnet::dhcpEnabled);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DatapathKnowledge that && datapathId.equals(that.datapathId) && plugged.equals(that.plugged)
        && networkOfPort.equals(that.networkOfPort) && absentPorts.equals(that.absentPorts) && networks.equals(that.networks)
        && routers.equals(that.routers) && groups.equals(that.groups) && gatewayZones.equals(that.gatewayZones) && neighbors.equals(that.neighbors)
        && bridgedNetworks.equals(that.bridgedNetworks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(datapathId, plugged, networkOfPort, absentPorts, networks, routers, groups, gatewayZones, neighbors, bridgedNetworks);
  }

  @Override
  public String toString() {
    return "DatapathKnowledge[" + datapathId + ", plugged " + plugged.keySet() + ", networks " + networks.keySet() + ", routers " + routers.keySet()
        + ", groups " + groups.keySet() + "]";
  }
}
