package io.tenet.switches.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tunnel ports to single peers, with BFD: OVS brings BFD up only on a tunnel with a fixed
 * {@code remote_ip} (not on the flow-based one), and then tells within a few hundred milliseconds
 * when the peer's vswitchd is gone. They share UDP 4789 with the flow-based port; packets are
 * still sent through that one, and those from a peer arrive on its port (classify matches the VNI
 * whatever the port). Named {@code tenet-peer-<peer address as 8 hex digits>}; the controller node
 * running the datapath's entity decides the peers, other nodes leave them alone.
 */
public final class PeerTunnels {
  static final String PREFIX = "tenet-peer-";
  /** BFD intervals: about 0.3 s to notice a dead peer on this machine (docs: ovs-lab notes), steady on an idle one at 100/100. */
  static final String INTERVAL_MS = "100";

  private PeerTunnels() {}

  public static String name(String peerIp) {
    String[] octets = peerIp.split("\\.");
    StringBuilder hex = new StringBuilder(PREFIX);
    for (String octet : octets) hex.append(String.format("%02x", Integer.parseInt(octet)));
    return hex.toString();
  }

  /** Ops that make br-int's peer tunnels exactly {@code peers}; empty when they are so. br-int must exist. */
  static List<ObjectNode> ops(OvsdbCache db, Set<String> peers, String encapType, String localIp) {
    List<ObjectNode> ops = new ArrayList<>();
    Map<String, ObjectNode> existing = new TreeMap<>();
    db.rows("Interface").values().forEach(row -> {
      String name = row.path("name").asText();
      if (name.startsWith(PREFIX)) existing.put(name, row);
    });
    int inserted = 0;
    for (String peer : new java.util.TreeSet<>(peers)) {
      String name = name(peer);
      Map<String, String> options = Map.of("remote_ip", peer, "key", "flow", "local_ip", localIp);
      JsonNode row = existing.remove(name);
      if (row != null) {
        if (!encapType.equals(row.path("type").asText()) || !options.equals(Ovsdb.stringMap(row.get("options")))) {
          ObjectNode fix = Ovsdb.NODES.objectNode().put("type", encapType);
          fix.set("options", Ovsdb.map(options));
          ops.add(Ovsdb.update("Interface", Ovsdb.where("name", name), fix));
        }
        continue;
      }
      String iface = "peer_iface" + inserted;
      String port = "peer_port" + inserted;
      inserted++;
      ObjectNode interfaceRow = Ovsdb.NODES.objectNode().put("name", name).put("type", encapType);
      interfaceRow.set("options", Ovsdb.map(options));
      interfaceRow.set("bfd", Ovsdb.map(Map.of("enable", "true", "min_rx", INTERVAL_MS, "min_tx", INTERVAL_MS)));
      ops.add(Ovsdb.insert("Interface", iface, interfaceRow));
      ObjectNode portRow = Ovsdb.NODES.objectNode().put("name", name);
      portRow.set("interfaces", Ovsdb.namedUuid(iface));
      ops.add(Ovsdb.insert("Port", port, portRow));
      ops.add(Ovsdb.mutateInsert("Bridge", Ovsdb.where("name", HypervisorSetup.BRIDGE), "ports", List.of(Ovsdb.namedUuid(port))));
    }
    Map<String, ObjectNode> ports = db.rows("Port");
    for (String gone : existing.keySet()) {
      ports.entrySet().stream().filter(e -> gone.equals(e.getValue().path("name").asText(null))).map(Map.Entry::getKey).findFirst()
          .ifPresent(uuid -> ops.add(Ovsdb.mutateDelete("Bridge", Ovsdb.where("name", HypervisorSetup.BRIDGE), "ports", List.of(Ovsdb.uuid(uuid)))));
    }
    return ops;
  }

  private static int flapCount(String text) {
    try {
      return text == null ? 0 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Each peer tunnel's OpenFlow port and BFD state, by peer address. */
  public static Map<String, PeerTunnel> read(OvsdbCache db) {
    Map<String, PeerTunnel> tunnels = new TreeMap<>();
    for (ObjectNode row : db.rows("Interface").values()) {
      if (!row.path("name").asText().startsWith(PREFIX)) continue;
      String peer = Ovsdb.stringMap(row.get("options")).get("remote_ip");
      JsonNode ofport = row.path("ofport");
      long port = ofport.isIntegralNumber() && ofport.asLong() > 0 ? ofport.asLong() : -1;
      Map<String, String> bfd = Ovsdb.stringMap(row.get("bfd_status"));
      if (peer != null) tunnels.put(peer, new PeerTunnel(port, bfd.getOrDefault("state", "unknown"), flapCount(bfd.get("flap_count"))));
    }
    return tunnels;
  }
}
