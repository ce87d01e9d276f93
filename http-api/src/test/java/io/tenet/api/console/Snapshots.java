package io.tenet.api.console;

import io.tenet.topology.cluster.ClusterMember;
import io.tenet.topology.cluster.ClusterStatus;
import io.tenet.topology.dataplane.DatapathStatus;
import io.tenet.topology.dataplane.ReconcileResult;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.NetworkView;
import io.tenet.topology.model.PortBinding;
import io.tenet.topology.model.PortView;
import io.tenet.topology.model.TenantView;
import java.time.Instant;
import java.util.List;

/** Small console snapshots for tests. */
final class Snapshots {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String NODE_1 = "127.0.0.1:25520";
  static final String NODE_2 = "127.0.0.1:25521";
  static final String DPID = "0000aabbccddeeff";

  private Snapshots() {}

  static ClusterMember member(String address, String status, boolean reachable) {
    return new ClusterMember(address, status, List.of(), reachable, address.equals(NODE_1), 3, 7);
  }

  static ClusterStatus cluster(ClusterMember... members) {
    return new ClusterStatus(NODE_1, NODE_1, List.of(members));
  }

  static DatapathStatus datapath(String role, String node, long term, boolean connected) {
    return new DatapathStatus(DPID, node, "hv1", "192.168.1.1", connected, true, role, term, 20, 1, 1, 1, true, List.of(), T0, ReconcileResult.IN_SYNC, false, List.of(), List.of(), java.util.Map.of());
  }

  static NetworkView network(String id, String name) {
    return new NetworkView(id, "t1", name, 4096, 1450, true, List.of(), T0, T0, 1, null, false, null);
  }

  static PortView port(String id, String name, String datapathId) {
    PortBinding binding = datapathId == null ? null : new PortBinding(datapathId, "hv-" + datapathId.substring(12), "192.168.1.1", 5);
    return new PortView(id, "t1", "n1", name, "fa:16:3e:00:00:01", List.of(new FixedIp("s1", "10.0.0.5")), List.of(), true, true, "", "",
        binding == null ? "DOWN" : "ACTIVE", binding, T0, T0, 1, null);
  }

  static ConsoleSnapshot snapshot(ClusterStatus cluster, List<DatapathStatus> datapaths, List<NetworkView> networks, List<PortView> ports) {
    return new ConsoleSnapshot(cluster, datapaths, List.of(new TenantView("t1", "acme", "sg", T0)), networks, ports, List.of(), List.of());
  }
}
