package io.tenet.switches.trace;

import io.tenet.switches.flow.MatchField;
import io.tenet.topology.dataplane.TraceProtocol;
import io.tenet.topology.dataplane.TraceRequest;
import io.tenet.topology.model.DataplaneMember;
import io.tenet.topology.model.NetworkDataplane;
import io.tenet.topology.model.Subnet;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The first packet a VM sends for a trace request: to a destination whose MAC the network knows
 * (or a broadcast address) the IPv4 packet itself; otherwise the ARP request the VM must send
 * first, since without an answer it never sends the packet.
 */
public final class IngressPackets {
  static final String IPV4 = "0x0800";
  static final String ARP = "0x0806";
  static final String NO_MAC = "00:00:00:00:00:00";

  private IngressPackets() {}

  public static Packet fromPort(TraceRequest request, Map<String, NetworkDataplane> networks) {
    Optional<String> dstMac = Optional.ofNullable(request.dstMac()).or(() -> resolve(networks.get(request.networkId()), request.dstIp()));
    EnumMap<MatchField, String> fields = new EnumMap<>(MatchField.class);
    fields.put(MatchField.IN_PORT, Long.toString(request.inPort()));
    fields.put(MatchField.ETH_SRC, request.srcMac());
    if (request.protocol() == TraceProtocol.ARP || dstMac.isEmpty()) {
      fields.put(MatchField.ETH_DST, Packet.BROADCAST);
      fields.put(MatchField.ETH_TYPE, ARP);
      fields.put(MatchField.ARP_OP, "1");
      fields.put(MatchField.ARP_SPA, request.srcIp());
      fields.put(MatchField.ARP_TPA, request.dstIp());
      fields.put(MatchField.ARP_SHA, request.srcMac());
      fields.put(MatchField.ARP_THA, NO_MAC);
      return Packet.of(fields);
    }
    fields.put(MatchField.ETH_DST, dstMac.get());
    fields.put(MatchField.ETH_TYPE, IPV4);
    fields.put(MatchField.IPV4_SRC, request.srcIp());
    fields.put(MatchField.IPV4_DST, request.dstIp());
    fields.put(MatchField.IP_PROTO, Integer.toString(request.protocol().ipProto()));
    if (request.protocol().hasPorts()) {
      fields.put(MatchField.UDP_SRC, Integer.toString(request.srcPort() == null ? 0 : request.srcPort()));
      fields.put(MatchField.UDP_DST, Integer.toString(request.dstPort() == null ? 0 : request.dstPort()));
    }
    return Packet.of(fields);
  }

  /** The MAC the network gives {@code ip}: a member's, or broadcast for a broadcast address. */
  static Optional<String> resolve(NetworkDataplane network, String ip) {
    if ("255.255.255.255".equals(ip)) return Optional.of(Packet.BROADCAST);
    if (network == null) return Optional.empty();
    for (DataplaneMember member : network.members()) if (member.ips().contains(ip)) return Optional.of(member.macAddress());
    Optional<Ipv4Address> address = Ipv4Address.parse(ip);
    for (Subnet subnet : network.subnets()) {
      Optional<Ipv4Cidr> cidr = Ipv4Cidr.parse(subnet.cidr());
      if (address.isPresent() && cidr.isPresent() && cidr.get().prefixLength() < 31 && cidr.get().last().equals(address.get())) {
        return Optional.of(Packet.BROADCAST);
      }
    }
    return Optional.empty();
  }
}
