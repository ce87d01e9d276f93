package io.tenet.switches.datapath;

import io.tenet.switches.ovsdb.InterfaceBinding;
import io.tenet.switches.ovsdb.PeerTunnel;
import io.tenet.topology.dataplane.ControllerConnection;
import java.util.List;
import java.util.Map;

/**
 * What one hypervisor's OVSDB says right now: its name, tunnel endpoint, the OpenFlow port of
 * its tunnel (-1 until OVS assigned one), and every VM interface bound to a logical port, by
 * port id. {@code connected} is false once the OVSDB connection is gone (the last picture stays:
 * OVS keeps forwarding without us). {@code controllers}: br-int's OpenFlow controllers as OVS reports them.
 * {@code physicalNetworkPorts}: the br-int OpenFlow port of each physical network's patch port, for
 * the mapped bridges that are linked; {@code gateway}: the operator lets it host edge gateways;
 * {@code mappingProblems}: bridge-mapping entries that were left out, and why; {@code peerTunnels}: the OpenFlow
 * port and BFD state of each peer tunnel (to gateway hosts), by peer address.
 */
public record HypervisorReport(String datapathId, String hostname, String encapIp, long tunnelOfport, Map<String, InterfaceBinding> bindings,
    boolean connected, List<ControllerConnection> controllers, Map<String, Long> physicalNetworkPorts, boolean gateway, List<String> mappingProblems,
    Map<String, PeerTunnel> peerTunnels) {
  public HypervisorReport {
    bindings = Map.copyOf(bindings);
    controllers = List.copyOf(controllers);
    physicalNetworkPorts = Map.copyOf(physicalNetworkPorts);
    mappingProblems = List.copyOf(mappingProblems);
    peerTunnels = Map.copyOf(peerTunnels);
  }

  public HypervisorReport disconnected() {
    return new HypervisorReport(datapathId, hostname, encapIp, tunnelOfport, bindings, false, controllers, physicalNetworkPorts, gateway, mappingProblems,
        peerTunnels);
  }
}
