package io.tenet.switches.ovsdb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.dataplane.ControllerConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** br-int's OpenFlow controllers as its Controller rows say (pure over the cache): target, connected, granted role. */
public final class BridgeControllers {
  private BridgeControllers() {}

  /** In the bridge's order; empty until br-int exists. */
  public static List<ControllerConnection> read(OvsdbCache db) {
    Optional<Map.Entry<String, ObjectNode>> bridge = db.named("Bridge", HypervisorSetup.BRIDGE);
    if (bridge.isEmpty()) return List.of();
    Map<String, ObjectNode> rows = db.rows("Controller");
    List<ControllerConnection> controllers = new ArrayList<>();
    for (String uuid : Ovsdb.uuids(bridge.get().getValue().get("controller"))) {
      ObjectNode row = rows.get(uuid);
      if (row == null) continue;
      String role = Ovsdb.strings(row.get("role")).stream().findFirst().orElse(null); // an optional column: an empty set until OVS connects
      controllers.add(new ControllerConnection(row.path("target").asText(), row.path("is_connected").asBoolean(false), role));
    }
    return controllers;
  }
}
