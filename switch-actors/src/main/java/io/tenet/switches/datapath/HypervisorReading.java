package io.tenet.switches.datapath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.switches.ovsdb.BridgeControllers;
import io.tenet.switches.ovsdb.BridgeMappings;
import io.tenet.switches.ovsdb.HypervisorSetup;
import io.tenet.switches.ovsdb.InterfaceBinding;
import io.tenet.switches.ovsdb.OvsdbCache;
import io.tenet.switches.ovsdb.OvsdbConnection;
import io.tenet.switches.ovsdb.PatchPorts;
import io.tenet.switches.ovsdb.PeerTunnels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads a {@link HypervisorReport} out of a monitored OVSDB (pure over the cache). */
final class HypervisorReading {
  private HypervisorReading() {}

  /** Empty until br-int exists and OVS has given it a datapath id. */
  static Optional<HypervisorReport> read(OvsdbCache db, String fallbackName) {
    Optional<Map.Entry<String, ObjectNode>> bridge = db.named("Bridge", HypervisorSetup.BRIDGE);
    if (bridge.isEmpty()) return Optional.empty();
    JsonNode dpid = bridge.get().getValue().get("datapath_id");
    if (dpid == null || !dpid.isTextual() || dpid.asText().isEmpty()) return Optional.empty();
    Map<String, String> ids = db.openVswitchExternalIds();
    String hostname = ids.getOrDefault("hostname", ids.getOrDefault("system-id", fallbackName));
    Map<String, InterfaceBinding> bindings = new HashMap<>();
    for (ObjectNode row : db.rows("Interface").values()) {
      InterfaceBinding binding = OvsdbConnection.binding(row);
      // two interfaces claiming one port id: the higher ofport is the newer plug (a VM's re-plug)
      if (binding != null) bindings.merge(binding.ifaceId(), binding, (a, b) -> a.ofport() >= b.ofport() ? a : b);
    }
    BridgeMappings mappings = BridgeMappings.read(ids);
    List<String> problems = new ArrayList<>(mappings.problems());
    Map<String, Long> physicalNetworkPorts = new TreeMap<>();
    mappings.bridgeByPhysicalNetwork().forEach((physicalNetwork, bridgeName) -> {
      if (db.named("Bridge", bridgeName).isEmpty()) {
        problems.add(physicalNetwork + ": bridge " + bridgeName + " does not exist");
        return;
      }
      long ofport = ofport(db, PatchPorts.integrationSide(physicalNetwork));
      if (ofport > 0) physicalNetworkPorts.put(physicalNetwork, ofport);
    });
    return Optional.of(new HypervisorReport(dpid.asText(), hostname, ids.get(HypervisorSetup.ENCAP_IP), ofport(db, HypervisorSetup.TUNNEL), bindings, true,
        BridgeControllers.read(db), physicalNetworkPorts, mappings.gateway(), problems, PeerTunnels.read(db)));
  }

  /** The OpenFlow port OVS gave the interface; -1 while it has none (or it does not exist). */
  private static long ofport(OvsdbCache db, String interfaceName) {
    return db.named("Interface", interfaceName).map(row -> row.getValue().path("ofport"))
        .filter(JsonNode::isIntegralNumber).map(JsonNode::asLong).filter(p -> p > 0).orElse(-1L);
  }
}
