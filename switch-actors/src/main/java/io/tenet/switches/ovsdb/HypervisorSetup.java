package io.tenet.switches.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the controller writes into a hypervisor's OVSDB: the integration bridge and its flow-based
 * tunnel port, from the settings the hypervisor published in {@code Open_vSwitch.external_ids}
 * ({@code tenet-encap-ip}, {@code tenet-encap-type} vxlan|geneve, optional {@code tenet-datapath-type}),
 * and the patch ports to each physical bridge named in {@code tenet-bridge-mappings} ({@link PatchPorts}).
 *
 * <p>{@link #ops} is a function of the monitored database ({@link OvsdbCache}): without br-int it
 * inserts everything in one transaction (named uuids tie Interface -> Port -> Bridge -> Open_vSwitch);
 * with br-int it emits only what differs, so a second run writes nothing (patch ports follow in the
 * run after br-int appears). The Bridge and Port name indexes make a racing second insert fail
 * instead of creating a duplicate.
 */
public final class HypervisorSetup {
  public static final String BRIDGE = "br-int";
  public static final String TUNNEL = "tenet-tun";
  public static final String ENCAP_IP = "tenet-encap-ip";
  static final String ENCAP_TYPE = "tenet-encap-type";
  static final String DATAPATH_TYPE = "tenet-datapath-type";
  static final Set<String> ENCAP_TYPES = Set.of("vxlan", "geneve");

  private HypervisorSetup() {}

  /** The hypervisor's settings are missing or invalid; nothing was written. */
  public static final class InvalidHypervisorException extends IllegalArgumentException {
    InvalidHypervisorException(String message) {
      super(message);
    }
  }

  /** Computes the ops from the connection's cache (monitor must have delivered its initial state) and transacts them if there are any. */
  public static CompletionStage<List<ObjectNode>> apply(OvsdbConnection connection, List<String> controllerTargets) {
    return apply(connection, controllerTargets, null);
  }

  /** The same, also making br-int's peer tunnels exactly {@code peers} (null: leave them as they are, another node decides them). */
  public static CompletionStage<List<ObjectNode>> apply(OvsdbConnection connection, List<String> controllerTargets, Set<String> peers) {
    List<ObjectNode> ops;
    try {
      ops = ops(connection.cache(), controllerTargets, peers);
    } catch (RuntimeException invalid) {
      return CompletableFuture.failedFuture(invalid);
    }
    if (ops.isEmpty()) return CompletableFuture.completedFuture(ops);
    return connection.transact(ops).thenApply(results -> ops);
  }

  /** The ops that bring br-int to the wanted state; empty when it is there already. */
  public static List<ObjectNode> ops(OvsdbCache db, List<String> controllerTargets) {
    return ops(db, controllerTargets, null);
  }

  /** {@code peers}: the peer tunnels br-int must have ({@link PeerTunnels}), or null to leave them alone. */
  public static List<ObjectNode> ops(OvsdbCache db, List<String> controllerTargets, Set<String> peers) {
    Map<String, String> ids = db.openVswitchExternalIds();
    String encapIp = ids.get(ENCAP_IP);
    if (encapIp == null || encapIp.isBlank()) {
      throw new InvalidHypervisorException("Open_vSwitch external_ids:" + ENCAP_IP + " is not set: no tunnel endpoint, br-int not set up");
    }
    String encapType = ids.getOrDefault(ENCAP_TYPE, "vxlan");
    if (!ENCAP_TYPES.contains(encapType)) {
      throw new InvalidHypervisorException("Open_vSwitch external_ids:" + ENCAP_TYPE + "=" + encapType + " is neither vxlan nor geneve");
    }
    if (controllerTargets.isEmpty()) throw new IllegalArgumentException("no controller targets for " + BRIDGE);
    String datapathType = ids.get(DATAPATH_TYPE);
    Map<String, String> options = Map.of("remote_ip", "flow", "key", "flow", "local_ip", encapIp);

    List<ObjectNode> ops = new ArrayList<>();
    Optional<Map.Entry<String, ObjectNode>> bridge = db.named("Bridge", BRIDGE);
    if (bridge.isEmpty()) {
      ops.add(Ovsdb.insert("Interface", "tun_iface", tunnelInterface(encapType, options)));
      ops.add(Ovsdb.insert("Port", "tun_port", port(TUNNEL, "tun_iface")));
      // the bridge's local port, as ovs-vsctl add-br makes it
      ops.add(Ovsdb.insert("Interface", "local_iface", Ovsdb.NODES.objectNode().put("name", BRIDGE).put("type", "internal")));
      ops.add(Ovsdb.insert("Port", "local_port", port(BRIDGE, "local_iface")));
      List<JsonNode> controllers = insertControllers(ops, controllerTargets);
      ObjectNode row = bridgeSettings(datapathType).put("name", BRIDGE);
      row.set("controller", Ovsdb.set(controllers));
      row.set("ports", Ovsdb.set(List.of(Ovsdb.namedUuid("local_port"), Ovsdb.namedUuid("tun_port"))));
      ops.add(Ovsdb.insert("Bridge", "br_int", row));
      ops.add(Ovsdb.mutateInsert("Open_vSwitch", Ovsdb.NODES.arrayNode(), "bridges", List.of(Ovsdb.namedUuid("br_int"))));
      return ops;
    }

    ObjectNode existing = bridge.get().getValue();
    ObjectNode fix = Ovsdb.NODES.objectNode();
    if (!Ovsdb.strings(existing.get("fail_mode")).equals(Set.of("secure"))) fix.put("fail_mode", "secure");
    if (!Ovsdb.strings(existing.get("protocols")).equals(Set.of("OpenFlow13"))) fix.set("protocols", Ovsdb.stringSet(List.of("OpenFlow13")));
    if (datapathType != null && !datapathType.equals(existing.path("datapath_type").asText())) fix.put("datapath_type", datapathType);
    Map<String, ObjectNode> controllerRows = db.rows("Controller");
    Set<String> targets = new LinkedHashSet<>();
    for (String uuid : Ovsdb.uuids(existing.get("controller"))) {
      ObjectNode controller = controllerRows.get(uuid);
      if (controller != null) targets.add(controller.path("target").asText());
    }
    if (!targets.equals(new LinkedHashSet<>(controllerTargets))) fix.set("controller", Ovsdb.set(insertControllers(ops, controllerTargets)));
    if (!fix.isEmpty()) ops.add(Ovsdb.update("Bridge", Ovsdb.where("name", BRIDGE), fix));

    Optional<Map.Entry<String, ObjectNode>> tunnel = db.named("Interface", TUNNEL);
    if (tunnel.isEmpty()) {
      ops.add(Ovsdb.insert("Interface", "tun_iface", tunnelInterface(encapType, options)));
      ops.add(Ovsdb.insert("Port", "tun_port", port(TUNNEL, "tun_iface")));
      ops.add(Ovsdb.mutateInsert("Bridge", Ovsdb.where("name", BRIDGE), "ports", List.of(Ovsdb.namedUuid("tun_port"))));
    } else {
      ObjectNode row = tunnel.get().getValue();
      if (!encapType.equals(row.path("type").asText()) || !Ovsdb.stringMap(row.get("options")).equals(options)) {
        ObjectNode fixTunnel = tunnelInterface(encapType, options);
        fixTunnel.remove("name"); // OVSDB refuses an update that names an immutable column, even with its current value
        ops.add(Ovsdb.update("Interface", Ovsdb.where("name", TUNNEL), fixTunnel));
      }
    }
    ops.addAll(PatchPorts.ops(db, BridgeMappings.read(ids)));
    if (peers != null) ops.addAll(PeerTunnels.ops(db, peers, encapType, encapIp));
    return ops;
  }

  private static ObjectNode bridgeSettings(String datapathType) {
    ObjectNode row = Ovsdb.NODES.objectNode().put("fail_mode", "secure");
    row.set("protocols", Ovsdb.stringSet(List.of("OpenFlow13")));
    if (datapathType != null) row.put("datapath_type", datapathType);
    return row;
  }

  private static ObjectNode tunnelInterface(String type, Map<String, String> options) {
    ObjectNode row = Ovsdb.NODES.objectNode().put("name", TUNNEL).put("type", type);
    row.set("options", Ovsdb.map(options));
    return row;
  }

  private static ObjectNode port(String name, String interfaceUuidName) {
    ObjectNode row = Ovsdb.NODES.objectNode().put("name", name);
    row.set("interfaces", Ovsdb.namedUuid(interfaceUuidName));
    return row;
  }

  /** Out-of-band: the controller is reached over the management network, never through br-int itself. */
  private static List<JsonNode> insertControllers(List<ObjectNode> ops, List<String> targets) {
    List<JsonNode> refs = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      String uuidName = "controller" + i;
      ops.add(Ovsdb.insert("Controller", uuidName, Ovsdb.NODES.objectNode().put("target", targets.get(i)).put("connection_mode", "out-of-band")));
      refs.add(Ovsdb.namedUuid(uuidName));
    }
    return refs;
  }
}
