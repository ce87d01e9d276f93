package io.tenet.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ovsdb-server side of an emulated hypervisor, over the connection it opened to the controller
 * (as {@code ovs-vsctl set-manager tcp:...} makes OVS do): answers {@code monitor} with the rows
 * of {@link EmulatedHypervisor}, {@code transact} (the controller setting its OpenFlow targets),
 * {@code echo} and {@code list_dbs}, and notifies {@code update}s when a VM port is plugged.
 */
final class EmulatedOvsdb extends SimpleChannelInboundHandler<ByteBuf> {
  static final ObjectMapper JSON = new ObjectMapper();

  private final EmulatedHypervisor hypervisor;
  private volatile Channel channel;
  private volatile String monitorId;

  EmulatedOvsdb(EmulatedHypervisor hypervisor) {
    this.hypervisor = hypervisor;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws IOException {
    JsonNode message;
    try (InputStream in = new ByteBufInputStream(frame)) {
      message = JSON.readTree(in);
    }
    if (!message.hasNonNull("method")) return; // replies to our echo, if any
    JsonNode params = message.path("params");
    JsonNode result = switch (message.get("method").asText()) {
      case "monitor" -> {
        monitorId = params.get(1).asText();
        yield hypervisor.tableUpdates(params.get(2));
      }
      case "transact" -> transact(params);
      case "list_dbs" -> JSON.createArrayNode().add("Open_vSwitch");
      case "echo" -> params;
      default -> null;
    };
    if (!message.hasNonNull("id")) return;
    ObjectNode reply = JSON.createObjectNode();
    if (result == null) {
      reply.putNull("result");
      reply.put("error", "unknown method");
    } else {
      reply.set("result", result);
      reply.putNull("error");
    }
    reply.set("id", message.get("id"));
    send(reply);
  }

  /**
   * The controller's transactions set br-int up; the emulated bridge exists already, so only its
   * controllers can change: new Controller rows and the Bridge's controller column. Every operation
   * succeeds; the changed rows are notified like ovsdb-server does.
   */
  private JsonNode transact(JsonNode params) {
    ArrayNode results = JSON.createArrayNode();
    Map<String, String> named = new HashMap<>();
    Map<String, String> targets = new HashMap<>();
    List<String> controllers = null;
    for (int i = 1; i < params.size(); i++) {
      JsonNode op = params.get(i);
      String kind = op.path("op").asText();
      if ("insert".equals(kind)) {
        String uuid = UUID.randomUUID().toString();
        if (op.hasNonNull("uuid-name")) named.put(op.get("uuid-name").asText(), uuid);
        if ("Controller".equals(op.path("table").asText())) targets.put(uuid, op.path("row").path("target").asText());
        results.addObject().set("uuid", JSON.createArrayNode().add("uuid").add(uuid));
      } else {
        if ("update".equals(kind) && "Bridge".equals(op.path("table").asText()) && op.path("row").has("controller")) {
          controllers = new ArrayList<>();
          for (JsonNode ref : refs(op.path("row").get("controller"))) controllers.add(ref.get(1).asText());
        }
        results.addObject().put("count", 1);
      }
    }
    if (controllers != null) {
      List<String> resolved = new ArrayList<>();
      for (String ref : controllers) resolved.add(named.getOrDefault(ref, ref));
      hypervisor.controllersChanged(resolved, targets);
    }
    return results;
  }

  /** A reference column's atoms: ["uuid",u] / ["named-uuid",n], alone or in ["set",[...]]. */
  private static List<JsonNode> refs(JsonNode value) {
    List<JsonNode> refs = new ArrayList<>();
    if (value.isArray() && value.size() == 2 && "set".equals(value.get(0).asText())) value.get(1).forEach(refs::add);
    else refs.add(value);
    return refs;
  }

  /** An update notification for the monitor, if there is one yet. */
  void notify(ObjectNode tableUpdates) {
    if (monitorId == null || channel == null) return;
    ObjectNode update = JSON.createObjectNode().put("method", "update");
    update.putArray("params").add(monitorId).add(tableUpdates);
    update.putNull("id");
    send(update);
  }

  private void send(ObjectNode message) {
    Channel c = channel;
    if (c == null) return;
    try {
      c.writeAndFlush(Unpooled.wrappedBuffer(JSON.writeValueAsBytes(message)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
