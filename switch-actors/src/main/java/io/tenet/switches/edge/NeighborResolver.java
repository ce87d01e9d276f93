package io.tenet.switches.edge;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.ExternalPlan;
import io.tenet.switches.compile.GatewayPlan;
import io.tenet.topology.net.Ipv4Address;
import io.tenet.topology.net.Ipv4Cidr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's side of external networks' neighbors, for one datapath: an ARP answer arriving
 * from a physical network teaches a host's MAC; a packet leaving for an address whose MAC is not
 * known yet makes the gateway ask for it (the address itself on the external subnet, else the
 * subnet's gateway), at most once a second per address. The packet that asked is dropped, as a
 * router drops what waits for ARP. Not thread-safe: one datapath actor's.
 */
public final class NeighborResolver {
  static final long ASK_AGAIN_NANOS = 1_000_000_000L;

  /** A host of {@code externalNetworkId} has {@code ip} at {@code mac}. */
  public record Learned(String externalNetworkId, String ip, String mac) {}

  /** An ARP request to send out of {@code patchOfport}, tagged for {@code vlanId} unless null. */
  public record Ask(long patchOfport, Integer vlanId, ArpFrame request) {
    public byte[] frame() {
      return request.frame(vlanId);
    }
  }

  private final Map<String, Long> askedAt = new HashMap<>();

  /**
   * What an ARP packet handed up from the patch port {@code inPort} teaches, if anything. The
   * pipeline wrote the external network's VNI into the metadata ({@code vni}, null if the switch did
   * not report it: then only a patch port carrying one external network says which).
   */
  public static Optional<Learned> learn(DatapathView view, long inPort, Integer vni, byte[] frame) {
    List<ExternalPlan> onPort = view.externalNetworks().stream().filter(e -> e.patchOfport() == inPort)
        .filter(e -> vni == null || e.vni() == vni).toList();
    if (onPort.size() != 1) return Optional.empty();
    Optional<ExternalPlan> external = Optional.of(onPort.get(0));
    return ArpFrame.read(frame).filter(arp -> arp.operation() == ArpFrame.REPLY).filter(arp -> onSubnet(external.get(), arp.senderIp()))
        .map(arp -> new Learned(external.get().networkId(), arp.senderIp(), arp.senderMac()));
  }

  /**
   * The request to send for an IPv4 packet the external_neighbor table handed up; its source MAC
   * is the gateway's (set in gateway_out), which names the external network and the address to ask from.
   */
  public Optional<Ask> resolve(DatapathView view, byte[] frame, long nowNanos) {
    if (frame.length < 34 || (((frame[12] & 0xff) << 8) | (frame[13] & 0xff)) != 0x0800) return Optional.empty();
    String sourceMac = ArpFrame.mac(frame, 6);
    String destination = (frame[30] & 0xff) + "." + (frame[31] & 0xff) + "." + (frame[32] & 0xff) + "." + (frame[33] & 0xff);
    for (GatewayPlan gateway : view.gateways()) {
      if (!gateway.mac().equals(sourceMac)) continue;
      Optional<ExternalPlan> external = view.externalNetworks().stream().filter(e -> e.vni() == gateway.externalVni()).findFirst();
      if (external.isEmpty()) return Optional.empty();
      String target = onSubnet(external.get(), destination) ? destination : external.get().nextHop();
      String key = external.get().networkId() + "/" + target;
      Long last = askedAt.get(key);
      if (last != null && nowNanos - last < ASK_AGAIN_NANOS) return Optional.empty();
      askedAt.put(key, nowNanos);
      return Optional.of(new Ask(external.get().patchOfport(), external.get().vlanId(), ArpFrame.request(gateway.mac(), gateway.externalIp(), target)));
    }
    return Optional.empty();
  }

  private static boolean onSubnet(ExternalPlan external, String ip) {
    Optional<Ipv4Address> address = Ipv4Address.parse(ip);
    return address.isPresent() && Ipv4Cidr.parse(external.cidr()).orElseThrow().contains(address.get());
  }
}
