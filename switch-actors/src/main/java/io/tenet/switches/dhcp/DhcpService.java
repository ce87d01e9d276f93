package io.tenet.switches.dhcp;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.datapath.PacketHandler;
import io.tenet.switches.edge.ArpFrame;
import io.tenet.switches.edge.VlanTag;
import io.tenet.switches.openflow.SwitchConnection;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's DHCP server: a DHCP packet the flows punted from a VM port is answered with
 * that port's lease, sent straight back out of the port. A host on a VLAN bridged to a network
 * is answered on the layer-2 gateway's host, with the lease of the unplugged port that has its MAC,
 * tagged for the VLAN. The lease comes from the datapath's
 * current view (the port's address and its subnet's options), so there is no lease table: the
 * network's address book is the only truth, on every controller node alike.
 */
public final class DhcpService implements PacketHandler {
  private static final Logger log = LoggerFactory.getLogger(DhcpService.class);
  /** A day, as Neutron's default: addresses never change under a running port, renewals are cheap. */
  static final int LEASE_SECONDS = 86_400;

  @Override
  public void handle(OFPacketIn packet, DatapathView view, Map<String, NetworkDataplane> networks, SwitchConnection connection) {
    OFPort inPort = packet.getMatch().get(MatchField.IN_PORT);
    if (inPort == null) return;
    Optional<LocalPort> port = view.localPorts().stream().filter(p -> p.ofport() == inPort.getPortNumber()).findFirst();
    if (port.isPresent()) {
      answer(packet.getData(), port.get().portId(), port.get().mac(), port.get().ips(), networks.get(port.get().networkId()), inPort.getPortNumber(), null,
          connection);
      return;
    }
    // a host on a VLAN bridged to a network, through the layer-2 gateway carried here: leased as the port registered with its MAC
    String mac = ArpFrame.mac(packet.getData(), 6);
    for (NetworkPlan network : view.networks()) {
      if (!network.bridgedHere() || network.bridge().here().patchOfport() != inPort.getPortNumber()) continue;
      NetworkDataplane dataplane = networks.get(network.networkId());
      if (dataplane == null) continue;
      Optional<DataplaneMember> member = dataplane.members().stream().filter(m -> m.macAddress().equalsIgnoreCase(mac) && m.binding() == null).findFirst();
      if (member.isEmpty()) continue;
      answer(packet.getData(), member.get().portId(), mac, member.get().ips(), dataplane, inPort.getPortNumber(), network.bridge().here().vlanId(), connection);
      return;
    }
  }

  /** Answers a port's DHCP packet with its lease, out of {@code ofport}, tagged for {@code vlanId} unless null. */
  private static void answer(byte[] request, String portId, String mac, List<String> ips, NetworkDataplane network, long ofport, Integer vlanId,
      SwitchConnection connection) {
    Optional<DhcpLease> lease;
    try {
      lease = lease(mac, ips, network);
    } catch (IllegalArgumentException unusable) {
      log.warn("{}: no DHCP lease for port {}: {}", connection.name(), portId, unusable.getMessage());
      return;
    }
    if (lease.isEmpty()) return;
    DhcpDecision decision = DhcpResponder.decide(request, lease.get());
    if (decision instanceof DhcpDecision.Reply reply) {
      connection.packetOut(ofport, VlanTag.tagged(reply.frame(), vlanId));
      log.debug("{}: DHCP {} to port {} ({})", connection.name(), reply.type(), portId, lease.get().ip());
    } else if (decision instanceof DhcpDecision.Silence silence) {
      log.debug("{}: no DHCP answer to port {}: {}", connection.name(), portId, silence.reason());
    }
  }

  /** The lease of a port: its first address in a subnet that serves DHCP, with that subnet's options. */
  static Optional<DhcpLease> lease(LocalPort port, NetworkDataplane network) {
    return lease(port.mac(), port.ips(), network);
  }

  static Optional<DhcpLease> lease(String mac, List<String> ips, NetworkDataplane network) {
    if (network == null) return Optional.empty();
    for (String ip : ips) {
      Optional<Ipv4Address> address = Ipv4Address.parse(ip);
      if (address.isEmpty()) continue;
      for (Subnet subnet : network.subnets()) {
        Optional<Ipv4Cidr> cidr = Ipv4Cidr.parse(subnet.cidr());
        if (!subnet.dhcpEnabled() || subnet.dhcpServerIp() == null || cidr.isEmpty() || !cidr.get().contains(address.get())) continue;
        return Optional.of(new DhcpLease(mac, ip, cidr.get().prefixLength(), subnet.gatewayIp(), subnet.dnsServers(), network.mtu(),
            subnet.hostRoutes().stream().map(r -> new DhcpLease.HostRoute(r.destination(), r.nexthop())).toList(),
            LEASE_SECONDS, subnet.dhcpServerIp(), DhcpServerMac.of(subnet.dhcpServerIp()), null));
      }
    }
    return Optional.empty();
  }
}
