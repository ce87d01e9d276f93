package io.tenet.topology.dataplane;

import io.tenet.persistence.TenetSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A datapath (an Open vSwitch integration bridge) as operators see it: which hypervisor, its
 * tunnel endpoint, whether this controller holds its OpenFlow and OVSDB connections, the
 * OpenFlow role and term, and what is installed. {@code flowCount} and {@code groupCount} are
 * what the last confirmed reconciliation left on the switch (-1 while unknown). {@code node} is the
 * controller node (host:port of its cluster address) that runs the datapath's entity, i.e. the
 * one whose connection is (or is becoming) master. {@code controllers} are the bridge's OpenFlow
 * targets as OVS reports them. {@code lastReconcileAt} and {@code lastReconcileResult} tell when the master last compared the
 * switch's tables with what they should be and sent (or found nothing to send); null before that.
 * {@code gateway}: the hypervisor's operator lets it host edge gateways; {@code physicalNetworks}: the
 * physical networks br-int is linked to there; {@code mappingProblems}: bridge mappings left out, and why;
 * {@code peerTunnels}: the BFD state of each tunnel to a gateway hypervisor, by its tunnel endpoint.
 */
public record DatapathStatus(String datapathId, String node, String hostname, String encapIp, boolean openflowConnected, boolean ovsdbConnected,
    String role, long term, int flowCount, int groupCount, int portCount, int networkCount, boolean converged,
    List<ControllerConnection> controllers, Instant lastReconcileAt, ReconcileResult lastReconcileResult, boolean gateway,
    List<String> physicalNetworks, List<String> mappingProblems, Map<String, String> peerTunnels) implements TenetSerializable {
  public DatapathStatus {
    controllers = controllers == null ? List.of() : List.copyOf(controllers);
    physicalNetworks = physicalNetworks == null ? List.of() : List.copyOf(physicalNetworks);
    mappingProblems = mappingProblems == null ? List.of() : List.copyOf(mappingProblems);
    peerTunnels = peerTunnels == null ? Map.of() : Map.copyOf(peerTunnels);
  }

  /** A datapath whose entity did not answer in time (its node is being replaced, or overloaded): role "unknown". */
  public static DatapathStatus unknown(String datapathId) {
    return new DatapathStatus(datapathId, null, null, null, false, false, "unknown", -1, -1, -1, 0, 0, false, List.of(), null, null, false, List.of(), List.of(), Map.of());
  }
}
