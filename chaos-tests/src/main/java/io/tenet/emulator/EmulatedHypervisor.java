package io.tenet.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.json.JsonObjectDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One emulated hypervisor: its OVSDB rows (Open_vSwitch with the settings a real one publishes,
 * br-int with its datapath id and controllers, the tunnel port and the VM interfaces plugged so
 * far) and the switch behind br-int. It connects to the controller's OVSDB port like an OVS whose
 * manager is the controller, and its switch to every OpenFlow target br-int is given.
 */
public final class EmulatedHypervisor {
  static final long TUNNEL_OFPORT = 1;
  static final long LOCAL_OFPORT = 0xfffe;

  /** One row of the Interface table. */
  record Interface(String uuid, String name, long ofport, String ifaceId, String mac) {}

  private final String name;
  private final long datapathId;
  private final String encapIp;
  private final EventLoopGroup loop;
  private final EmulatedTables tables = new EmulatedTables();
  private final List<EmulatedOvsdb> managers = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** OVS's per-bridge role generation; absent until a MASTER or SLAVE request set it. */
  private Long generation;
  private final String openVswitchUuid = UUID.randomUUID().toString();
  private final String bridgeUuid = UUID.randomUUID().toString();
  private final Map<String, Interface> interfaces = new LinkedHashMap<>();
  private final Map<String, String> controllerTargets = new LinkedHashMap<>();
  private final Map<String, Channel> openFlow = new LinkedHashMap<>();
  private long nextOfport = 2;
  private volatile boolean closed;

  EmulatedHypervisor(String name, long datapathId, String encapIp, List<String> initialTargets, EventLoopGroup loop) {
    this.name = name;
    this.datapathId = datapathId;
    this.encapIp = encapIp;
    this.loop = loop;
    interfaces.put("tun", new Interface(UUID.randomUUID().toString(), "tenet-tun", TUNNEL_OFPORT, null, null));
    interfaces.put("local", new Interface(UUID.randomUUID().toString(), "br-int", LOCAL_OFPORT, null, null));
    for (String target : initialTargets) controllerTargets.put(UUID.randomUUID().toString(), target);
  }

  public String name() {
    return name;
  }

  public long datapathId() {
    return datapathId;
  }

  public String datapathIdHex() {
    return String.format("%016x", datapathId);
  }

  /** Connects to every controller node's OVSDB listener (OVS's manager targets), then its switch to br-int's OpenFlow targets. */
  void connect(List<InetSocketAddress> ovsdbAddresses) {
    for (InetSocketAddress address : ovsdbAddresses) connectOvsdb(address);
    connectOpenFlow();
  }

  /**
   * One manager connection; refused or lost, it is tried again after a second, as OVS does (with
   * backoff). A thousand hypervisors connecting at once get some connects refused; without this
   * they stayed unknown to the controller for good.
   */
  private void connectOvsdb(InetSocketAddress address) {
    if (closed) return;
    EmulatedOvsdb session = new EmulatedOvsdb(this);
    managers.add(session);
    ChannelFuture connecting = new Bootstrap().group(loop).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new JsonObjectDecoder(64 << 20)).addLast(session);
          }
        }).connect(address);
    connecting.channel().closeFuture().addListener(ended -> {
      managers.remove(session);
      if (!closed) loop.schedule(() -> connectOvsdb(address), 1, java.util.concurrent.TimeUnit.SECONDS);
    });
  }

  /** Plugs a VM interface bound to logical port {@code ifaceId}; answers its OpenFlow port number. */
  public synchronized long plug(String ifaceId, String mac) {
    long ofport = nextOfport++;
    Interface iface = new Interface(UUID.randomUUID().toString(), "vm" + ofport, ofport, ifaceId, mac);
    interfaces.put(iface.uuid(), iface);
    ObjectNode updates = EmulatedOvsdb.JSON.createObjectNode();
    updates.putObject("Interface").putObject(iface.uuid()).set("new", row(iface));
    managers.forEach(m -> m.notify(updates));
    return ofport;
  }

  synchronized List<Interface> interfaces() {
    return List.copyOf(interfaces.values());
  }

  public int flowCount() {
    return tables.flowCount();
  }

  public long flowModsApplied() {
    return tables.flowModsApplied();
  }

  public synchronized boolean openFlowConnected() {
    return openFlow.values().stream().anyMatch(Channel::isActive);
  }

  /** Whether a live OpenFlow connection holds the MASTER role. */
  public boolean hasLiveMaster() {
    return switchSides().stream().anyMatch(c -> c.isActive() && c.role() == org.projectfloodlight.openflow.protocol.OFControllerRole.ROLE_MASTER);
  }

  /** The switch side of each OpenFlow connection, read from the channels themselves (a reconnect replaces its target's channel). */
  private synchronized List<EmulatedOpenFlow> switchSides() {
    List<EmulatedOpenFlow> sides = new ArrayList<>();
    for (Channel channel : openFlow.values()) {
      EmulatedOpenFlow side = channel.pipeline().get(EmulatedOpenFlow.class);
      if (side != null) sides.add(side);
    }
    return sides;
  }

  synchronized long generation() {
    return generation == null ? -1 : generation;
  }

  /** OVS refuses a generation older than the last it accepted ((int64)(new - cached) < 0); an equal one is fine. */
  synchronized boolean acceptGeneration(long requested) {
    if (generation != null && requested - generation < 0) return false;
    generation = requested;
    return true;
  }

  synchronized void becameMaster(EmulatedOpenFlow master, long newGeneration) {
    for (EmulatedOpenFlow other : switchSides()) {
      if (other != master && other.role() == org.projectfloodlight.openflow.protocol.OFControllerRole.ROLE_MASTER) other.demoted(newGeneration);
    }
  }

  /** The monitor's initial contents: the requested columns of the requested tables. */
  synchronized JsonNode tableUpdates(JsonNode requests) {
    ObjectNode updates = EmulatedOvsdb.JSON.createObjectNode();
    requests.fieldNames().forEachRemaining(table -> {
      ObjectNode rows = updates.putObject(table);
      for (Map.Entry<String, ObjectNode> row : rows(table).entrySet()) {
        ObjectNode selected = EmulatedOvsdb.JSON.createObjectNode();
        requests.get(table).path("columns").forEach(column -> {
          if (row.getValue().has(column.asText())) selected.set(column.asText(), row.getValue().get(column.asText()));
        });
        rows.putObject(row.getKey()).set("new", selected);
      }
    });
    return updates;
  }

  private Map<String, ObjectNode> rows(String table) {
    Map<String, ObjectNode> rows = new LinkedHashMap<>();
    switch (table) {
      case "Open_vSwitch" -> {
        ObjectNode row = EmulatedOvsdb.JSON.createObjectNode();
        row.set("external_ids", map(Map.of("hostname", name, "system-id", name, "tenet-encap-ip", encapIp, "tenet-encap-type", "vxlan")));
        rows.put(openVswitchUuid, row);
      }
      case "Bridge" -> rows.put(bridgeUuid, bridgeRow());
      case "Controller" -> controllerTargets.forEach((uuid, target) -> rows.put(uuid, controllerRow(target)));
      case "Interface" -> interfaces.values().forEach(iface -> rows.put(iface.uuid(), row(iface)));
      default -> { }
    }
    return rows;
  }

  private ObjectNode bridgeRow() {
    ObjectNode row = EmulatedOvsdb.JSON.createObjectNode().put("name", "br-int").put("datapath_id", datapathIdHex()).put("datapath_type", "")
        .put("fail_mode", "secure").put("protocols", "OpenFlow13");
    ArrayNode refs = EmulatedOvsdb.JSON.createArrayNode();
    controllerTargets.keySet().forEach(uuid -> refs.addArray().add("uuid").add(uuid));
    row.putArray("controller").add("set").add(refs);
    return row;
  }

  private ObjectNode controllerRow(String target) {
    return EmulatedOvsdb.JSON.createObjectNode().put("target", target).put("is_connected", true).put("role", "master");
  }

  private ObjectNode row(Interface iface) {
    ObjectNode row = EmulatedOvsdb.JSON.createObjectNode().put("name", iface.name()).put("ofport", iface.ofport());
    if (iface.ofport() == TUNNEL_OFPORT) {
      row.put("type", "vxlan");
      row.set("options", map(Map.of("remote_ip", "flow", "key", "flow", "local_ip", encapIp)));
      row.set("external_ids", map(Map.of()));
    } else {
      row.put("type", iface.ofport() == LOCAL_OFPORT ? "internal" : "");
      row.set("options", map(Map.of()));
      row.set("external_ids", iface.ifaceId() == null ? map(Map.of()) : map(Map.of("iface-id", iface.ifaceId(), "attached-mac", iface.mac())));
    }
    return row;
  }

  private static ArrayNode map(Map<String, String> entries) {
    ArrayNode map = EmulatedOvsdb.JSON.createArrayNode().add("map");
    ArrayNode pairs = map.addArray();
    new java.util.TreeMap<>(entries).forEach((k, v) -> pairs.addArray().add(k).add(v));
    return map;
  }

  /** The controller gave br-int new OpenFlow targets: keep them, tell the monitor, connect to the new ones. */
  synchronized void controllersChanged(List<String> uuids, Map<String, String> newTargets) {
    Map<String, String> next = new LinkedHashMap<>();
    for (String uuid : uuids) {
      String target = newTargets.getOrDefault(uuid, controllerTargets.get(uuid));
      if (target != null) next.put(uuid, target);
    }
    controllerTargets.clear();
    controllerTargets.putAll(next);
    ObjectNode updates = EmulatedOvsdb.JSON.createObjectNode();
    ObjectNode controllers = updates.putObject("Controller");
    next.forEach((uuid, target) -> controllers.putObject(uuid).set("new", controllerRow(target)));
    updates.putObject("Bridge").putObject(bridgeUuid).set("new", bridgeRow());
    managers.forEach(m -> m.notify(updates));
    connectOpenFlow();
  }

  private synchronized void connectOpenFlow() {
    if (closed) return;
    List<String> wanted = new ArrayList<>(controllerTargets.values());
    openFlow.keySet().removeIf(target -> {
      if (wanted.contains(target)) return false;
      openFlow.get(target).close();
      return true;
    });
    for (String target : wanted) {
      if (openFlow.containsKey(target) && openFlow.get(target).isActive()) continue;
      String[] parts = target.split(":"); // tcp:host:port
      Channel channel = new Bootstrap().group(loop).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(EmulatedOpenFlow.MAX_MESSAGE, 2, 2, -4, 0))
                  .addLast(new EmulatedOpenFlow.LoxiEncoder())
                  .addLast(new EmulatedOpenFlow(EmulatedHypervisor.this, tables));
            }
          }).connect(new InetSocketAddress(parts[1], Integer.parseInt(parts[2])))
          .addListener(connected -> {
            if (!connected.isSuccess() && !closed) loop.schedule(this::connectOpenFlow, 1, java.util.concurrent.TimeUnit.SECONDS); // refused: try again, as OVS does
          }).channel();
      openFlow.put(target, channel);
    }
  }

  /** A lost OpenFlow connection is retried after a second, as OVS does (with backoff). */
  void openFlowClosed() {
    if (!closed) loop.schedule(this::connectOpenFlow, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  void close() {
    closed = true;
    synchronized (this) {
      openFlow.values().forEach(Channel::close);
    }
  }
}
