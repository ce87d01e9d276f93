package io.tenet.switches.edge;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.ExternalPlan;
import io.tenet.switches.compile.FloatingIpPlan;
import io.tenet.switches.compile.GatewayPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * What a host that took a gateway over sends on the physical network: a gratuitous ARP for the
 * router's external address and each floating IP, so switches learn the gateway's MAC on this
 * host's uplink and neighbors refresh their caches, and a request for the subnet's next hop,
 * whose MAC this host needs for every packet it sends out and may not have learned as a standby.
 */
public final class GatewayAnnouncement {
  private GatewayAnnouncement() {}

  public static List<ArpFrame> of(DatapathView view, GatewayPlan gateway) {
    List<ArpFrame> frames = new ArrayList<>();
    frames.add(ArpFrame.request(gateway.mac(), gateway.externalIp(), gateway.externalIp()));
    for (FloatingIpPlan floating : gateway.floatingIps()) frames.add(ArpFrame.request(gateway.mac(), floating.floatingIp(), floating.floatingIp()));
    view.externalNetworks().stream().filter(external -> external.vni() == gateway.externalVni()).map(ExternalPlan::nextHop).findFirst()
        .ifPresent(nextHop -> frames.add(ArpFrame.request(gateway.mac(), gateway.externalIp(), nextHop)));
    return frames;
  }
}
