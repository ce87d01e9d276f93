package io.tenet.switches.edge;

import io.tenet.switches.compile.DatapathView;
import io.tenet.switches.compile.LocalPort;
import io.tenet.switches.compile.NetworkPlan;
import io.tenet.switches.compile.RemotePort;
import java.util.ArrayList;
import java.util.List;

/**
 * What a host that took a layer-2 gateway over sends on the VLAN: a gratuitous ARP from each port
 * of the network with an address, so the physical switches learn that the VMs' MACs are behind
 * this host's uplink now, and the VLAN's hosts refresh their caches.
 */
public final class BridgeAnnouncement {
  private BridgeAnnouncement() {}

  public static List<ArpFrame> of(DatapathView view, NetworkPlan network) {
    List<ArpFrame> frames = new ArrayList<>();
    for (LocalPort port : view.portsOf(network.networkId())) {
      if (!port.ips().isEmpty()) frames.add(ArpFrame.request(port.mac(), port.ips().get(0), port.ips().get(0)));
    }
    for (RemotePort port : network.remotePorts()) {
      if (!port.ips().isEmpty()) frames.add(ArpFrame.request(port.mac(), port.ips().get(0), port.ips().get(0)));
    }
    return frames;
  }
}
