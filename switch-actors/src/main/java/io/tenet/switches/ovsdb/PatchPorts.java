package io.tenet.switches.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The patch-port pairs that link br-int to each mapped physical bridge ({@link BridgeMappings}).
 * The physical bridge and its uplink are the operator's; the controller owns only the two patch
 * ports, named {@code tenet-int-to-<physnet>} (on br-int) and {@code tenet-<physnet>-to-int} (on the
 * mapped bridge). A pair whose mapping was removed is removed too; a mapped bridge that does not
 * exist yet gets its pair once the operator creates it (the monitor reports the new bridge).
 */
public final class PatchPorts {
  static final String PREFIX = "tenet-";

  private PatchPorts() {}

  /** The br-int side of the pair: the OpenFlow port a physical network is reached through. */
  public static String integrationSide(String physicalNetwork) {
    return PREFIX + "int-to-" + physicalNetwork;
  }

  static String physicalSide(String physicalNetwork) {
    return PREFIX + physicalNetwork + "-to-int";
  }

  /** Ops that bring the pairs to the mappings; empty when they are in place. br-int must exist. */
  static List<ObjectNode> ops(OvsdbCache db, BridgeMappings mappings) {
    List<ObjectNode> ops = new ArrayList<>();
    Map<String, ObjectNode> interfaces = db.rows("Interface");
    Set<String> wanted = new TreeSet<>();
    int inserted = 0;
    for (Map.Entry<String, String> mapping : mappings.bridgeByPhysicalNetwork().entrySet()) {
      if (db.named("Bridge", mapping.getValue()).isEmpty()) continue;
      String intSide = integrationSide(mapping.getKey());
      String physSide = physicalSide(mapping.getKey());
      wanted.add(intSide);
      wanted.add(physSide);
      inserted += ensure(ops, interfaces, intSide, physSide, HypervisorSetup.BRIDGE, inserted);
      inserted += ensure(ops, interfaces, physSide, intSide, mapping.getValue(), inserted);
    }
    Map<String, ObjectNode> ports = db.rows("Port");
    for (ObjectNode row : interfaces.values()) {
      String name = row.path("name").asText();
      if (!name.startsWith(PREFIX) || !"patch".equals(row.path("type").asText()) || wanted.contains(name)) continue;
      // the Port row goes with its last reference from a bridge (Port is not a root table)
      portUuid(ports, name).ifPresent(uuid -> ops.add(Ovsdb.mutateDelete("Bridge", Ovsdb.NODES.arrayNode(), "ports", List.of(Ovsdb.uuid(uuid)))));
    }
    return ops;
  }

  /** Adds (or corrects) one side; answers how many interfaces it inserted, for unique uuid-names. */
  private static int ensure(List<ObjectNode> ops, Map<String, ObjectNode> interfaces, String name, String peer, String bridge, int insertedSoFar) {
    Optional<ObjectNode> existing = interfaces.values().stream().filter(row -> name.equals(row.path("name").asText(null))).findFirst();
    if (existing.isPresent()) {
      JsonNode row = existing.get();
      if (!"patch".equals(row.path("type").asText()) || !Map.of("peer", peer).equals(Ovsdb.stringMap(row.get("options")))) {
        ObjectNode fix = Ovsdb.NODES.objectNode().put("type", "patch");
        fix.set("options", Ovsdb.map(Map.of("peer", peer)));
        ops.add(Ovsdb.update("Interface", Ovsdb.where("name", name), fix));
      }
      return 0;
    }
    String iface = "patch_iface" + insertedSoFar;
    String port = "patch_port" + insertedSoFar;
    ObjectNode interfaceRow = Ovsdb.NODES.objectNode().put("name", name).put("type", "patch");
    interfaceRow.set("options", Ovsdb.map(Map.of("peer", peer)));
    ops.add(Ovsdb.insert("Interface", iface, interfaceRow));
    ObjectNode portRow = Ovsdb.NODES.objectNode().put("name", name);
    portRow.set("interfaces", Ovsdb.namedUuid(iface));
    ops.add(Ovsdb.insert("Port", port, portRow));
    ops.add(Ovsdb.mutateInsert("Bridge", Ovsdb.where("name", bridge), "ports", List.of(Ovsdb.namedUuid(port))));
    return 1;
  }

  private static Optional<String> portUuid(Map<String, ObjectNode> ports, String name) {
    return ports.entrySet().stream().filter(e -> name.equals(e.getValue().path("name").asText(null))).map(Map.Entry::getKey).findFirst();
  }
}
