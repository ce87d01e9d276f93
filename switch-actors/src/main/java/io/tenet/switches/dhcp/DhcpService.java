package io.tenet.switches.dhcp;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.datapath.PacketHandler;
import io.tenet.switches.openflow.SwitchConnection;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import java.util.Map;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's DHCP server: a DHCP packet the flows punted from a VM port is answered with
 * that port's lease, sent straight back out of the port. The lease comes from the datapath's
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
    if (port.isEmpty()) return;
    Optional<DhcpLease> lease;
    try {
      lease = lease(port.get(), networks.get(port.get().networkId()));
    } catch (IllegalArgumentException unusable) {
      log.warn("{}: no DHCP lease for port {}: {}", connection.name(), port.get().portId(), unusable.getMessage());
      return;
    }
    if (lease.isEmpty()) return;
    DhcpDecision decision = DhcpResponder.decide(packet.getData(), lease.get());
    if (decision instanceof DhcpDecision.Reply reply) {
      connection.packetOut(inPort.getPortNumber(), reply.frame());
      log.debug("{}: DHCP {} to port {} ({})", connection.name(), reply.type(), port.get().portId(), lease.get().ip());
    } else if (decision instanceof DhcpDecision.Silence silence) {
      log.debug("{}: no DHCP answer to port {}: {}", connection.name(), port.get().portId(), silence.reason());
    }
  }

  /** The lease of a port: its first address in a subnet that serves DHCP, with that subnet's options. */
  static Optional<DhcpLease> lease(LocalPort port, NetworkDataplane network) {
    if (network == null) return Optional.empty();
    for (String ip : port.ips()) {
      Optional<Ipv4Address> address = Ipv4Address.parse(ip);
      if (address.isEmpty()) continue;
      for (Subnet subnet : network.subnets()) {
        Optional<Ipv4Cidr> cidr = Ipv4Cidr.parse(subnet.cidr());
        if (!subnet.dhcpEnabled() || subnet.dhcpServerIp() == null || cidr.isEmpty() || !cidr.get().contains(address.get())) continue;
        return Optional.of(new DhcpLease(port.mac(), ip, cidr.get().prefixLength(), subnet.gatewayIp(), subnet.dnsServers(), network.mtu(),
            subnet.hostRoutes().stream().map(r -> new DhcpLease.HostRoute(r.destination(), r.nexthop())).toList(),
            LEASE_SECONDS, subnet.dhcpServerIp(), DhcpServerMac.of(subnet.dhcpServerIp()), null));
      }
    }
    return Optional.empty();
  }
}
