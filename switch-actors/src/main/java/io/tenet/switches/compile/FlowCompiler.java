package io.tenet.switches.compile;

import io.tenet.switches.flow.FlowEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Desired flows and groups of a datapath, as a pure function of what it serves. One builder per
 * table concern; the result is computed per network and per router, so a change to one network
 * recompiles only that network's share and the cost of a change grows with the change, not with
 * the cloud.
 */
public final class FlowCompiler {
  private FlowCompiler() {}

  public static CompiledFlows compile(DatapathView view) {
    List<CompiledFlows> parts = new ArrayList<>();
    parts.add(pipeline());
    for (NetworkPlan network : view.networks()) parts.add(network(view, network));
    for (NetworkPlan network : view.routedNetworks()) parts.add(routedNetwork(view, network));
    for (RouterPlan router : view.routers()) parts.add(router(view, router));
    for (GatewayPlan gateway : view.gateways()) parts.add(gateway(gateway));
    for (ExternalPlan external : view.externalNetworks()) parts.add(external(external));
    for (LocalPort port : view.localPorts()) parts.add(portFilter(port, view.ownGroups(port)));
    parts.add(remoteGroups(view.filteredPorts(), view.groupsOfFilteredPorts()));
    return CompiledFlows.union(parts);
  }

  /** The security groups' filter of one local port and its rules without a remote group, from the port's groups. */
  public static CompiledFlows portFilter(LocalPort port, Map<String, GroupPlan> groups) {
    return new CompiledFlows(AclFlows.flows(port, groups), Set.of());
  }

  /** The rules naming a remote group, for all filtered local ports of the datapath at once (conjunctions). */
  public static CompiledFlows remoteGroups(List<LocalPort> filteredPorts, Map<String, GroupPlan> groups) {
    return new CompiledFlows(RemoteGroupFlows.flows(filteredPorts, groups), Set.of());
  }

  /** The remote-group conjunctions without their member addresses (see {@link RemoteGroupLayout}). */
  public static RemoteGroupLayout remoteGroupLayout(List<LocalPort> filteredPorts, Map<String, GroupPlan> groups) {
    return RemoteGroupFlows.layout(filteredPorts, groups);
  }

  /**
   * A member address's flow in one rules table, given the slots there of every remote group that
   * holds it (an address two groups named in one table hold gets both groups' conjunctions).
   */
  public static FlowEntry memberAddress(List<AddressSlot> holders, String address) {
    return RemoteGroupFlows.addressFlow(holders, address);
  }

  /** Flows that belong to no network: each table's miss. */
  public static CompiledFlows pipeline() {
    return new CompiledFlows(PipelineFlows.flows(), Set.of());
  }

  /** Everything one network needs on this datapath; empty when no local port belongs to it and it does not carry the network's layer-2 gateway. */
  public static CompiledFlows network(DatapathView view, NetworkPlan network) {
    if (!serves(view, network)) return new CompiledFlows(Set.of(), Set.of());
    List<CompiledFlows> parts = new ArrayList<>(List.of(networkCore(view, network), networkFlood(view, network)));
    boolean routed = view.routes(network.networkId());
    for (RemotePort port : network.remotePorts()) parts.add(remotePort(network, port, view.tunnelOfport(), true, routed));
    return CompiledFlows.union(parts);
  }

  /** Whether the datapath serves the network: a local port belongs to it, or it carries the network's layer-2 gateway. */
  public static boolean serves(DatapathView view, NetworkPlan network) {
    return network.bridgedHere() || !view.portsOf(network.networkId()).isEmpty();
  }

  /**
   * A served network's flows but those of its remote ports and its flood groups: its local ports
   * and its services. A port joining the network elsewhere does not change these.
   */
  public static CompiledFlows networkCore(DatapathView view, NetworkPlan network) {
    List<CompiledFlows> parts = new ArrayList<>(List.of(
        new CompiledFlows(ClassifyFlows.flows(view, network), Set.of()),
        new CompiledFlows(PortSecurityFlows.flows(view, network), Set.of()),
        new CompiledFlows(ArpDhcpFlows.flows(view, network), Set.of()),
        L2Flows.flows(view, network)));
    if (view.routes(network.networkId())) parts.add(new CompiledFlows(NeighborFlows.flows(network, view.portsOf(network.networkId())), Set.of()));
    if (network.bridge() != null) parts.add(BridgeFlows.compiled(view, network));
    return CompiledFlows.union(parts);
  }

  /**
   * A served network's flood groups and the flows into them, which read its remote ports'
   * hypervisors (not the ports): a port joining the network elsewhere changes them only when it
   * brings a new hypervisor.
   */
  public static CompiledFlows networkFlood(DatapathView view, NetworkPlan network) {
    return L2Flows.flood(view, network);
  }

  /**
   * What a datapath needs of one port of {@code network} on another hypervisor: unicast to it
   * through the tunnel; ARP answers for it where the network is served here; its neighbor entries
   * where a router here routes into the network.
   */
  public static CompiledFlows remotePort(NetworkPlan network, RemotePort port, long tunnelOfport, boolean served, boolean routed) {
    RemotePortFlows.Compiled compiled = RemotePortFlows.of(network, port, tunnelOfport);
    List<FlowEntry> flows = new ArrayList<>(compiled.unicast());
    if (served) flows.addAll(compiled.arpReplies());
    if (routed) flows.addAll(compiled.neighbors());
    return new CompiledFlows(new HashSet<>(flows), Set.of());
  }

  /**
   * A network with no local port that a local port's router reaches: packets routed into it find
   * the MAC of their destination and the tunnel to its hypervisor.
   */
  public static CompiledFlows routedNetwork(DatapathView view, NetworkPlan network) {
    List<CompiledFlows> parts = new ArrayList<>(List.of(routedNetworkCore(view, network)));
    for (RemotePort port : network.remotePorts()) parts.add(remotePort(network, port, view.tunnelOfport(), false, true));
    return CompiledFlows.union(parts);
  }

  /** A routed network's flows but those of its ports: a gateway carried here gets the network's packets through the tunnel, from senders on other hypervisors. */
  public static CompiledFlows routedNetworkCore(DatapathView view, NetworkPlan network) {
    return view.gatewayReceives(network.networkId()) ? new CompiledFlows(ClassifyFlows.fromTunnel(view, network), Set.of()) : new CompiledFlows(Set.of(), Set.of());
  }

  /** A router's external gateway carried by this datapath. */
  public static CompiledFlows gateway(GatewayPlan gateway) {
    return GatewayFlows.compiled(gateway);
  }

  /** An external network this datapath reaches through its patch port. */
  public static CompiledFlows external(ExternalPlan external) {
    return new CompiledFlows(ExternalFlows.flows(external), Set.of());
  }

  /** A router's gateway answers and routes, for the senders on this datapath. */
  public static CompiledFlows router(DatapathView view, RouterPlan router) {
    return RouterFlows.compiled(view, router);
  }
}
