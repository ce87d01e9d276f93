package io.tenet.switches.ovsdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ovsdb-server's JSON-RPC 1.0 session (RFC 7047), the server having connected to us as manager.
 *
 * <p>Requests carry numeric ids; each registers its future before it is written, the reply with
 * that id completes it, a closed connection fails everything pending. The server's own requests
 * are only {@code echo} (its inactivity probe: answered with the same params, or it drops us) and
 * {@code update} notifications of our monitor, applied to {@link #cache()}. Anything else that is
 * not valid JSON-RPC closes this connection alone. Futures complete on the event loop.
 */
public final class OvsdbConnection extends SimpleChannelInboundHandler<ByteBuf> {
  private static final Logger log = LoggerFactory.getLogger(OvsdbConnection.class);
  /** The monitor id in our monitor request; the server echoes it in every update. */
  private static final String MONITOR_ID = "tenet";
  /** Columns the controller needs: bindings (Interface), the hypervisor's settings (Open_vSwitch), and what br-int and patch-port setup compare. */
  static final Map<String, List<String>> MONITORED = Map.of(
      "Open_vSwitch", List.of("external_ids"),
      "Bridge", List.of("name", "datapath_id", "datapath_type", "fail_mode", "protocols", "controller"),
      "Controller", List.of("target", "is_connected", "role"),
      "Port", List.of("name"),
      "Interface", List.of("name", "ofport", "external_ids", "type", "options", "bfd_status"));

  private final OvsdbConnectionListener listener;
  private final AtomicLong ids = new AtomicLong(1);
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final OvsdbCache cache = new OvsdbCache();
  private volatile Channel channel;
  private volatile BindingListener bindings;
  private final AtomicLong echoes = new AtomicLong();

  private record Pending(String method, CompletableFuture<JsonNode> result) {}

  OvsdbConnection(OvsdbConnectionListener listener) {
    this.listener = listener;
  }

  /** The peer's address: what every log line about this hypervisor names. */
  public String name() {
    Channel c = channel;
    return c == null ? "?" : String.valueOf(c.remoteAddress());
  }

  /** Our own address on this connection: where this hypervisor reaches us, hence where its OpenFlow should connect too. */
  public java.net.InetSocketAddress localAddress() {
    Channel c = channel;
    return c == null ? null : (java.net.InetSocketAddress) c.localAddress();
  }

  public OvsdbCache cache() {
    return cache;
  }

  /** How many of the server's echo requests (its inactivity probe) we answered. */
  long echoesAnswered() {
    return echoes.get();
  }

  public boolean isConnected() {
    Channel c = channel;
    return c != null && c.isActive();
  }

  public CompletionStage<List<String>> listDbs() {
    return request("list_dbs", Ovsdb.NODES.arrayNode()).thenApply(result -> {
      List<String> dbs = new ArrayList<>();
      result.forEach(db -> dbs.add(db.asText()));
      return dbs;
    });
  }

  /**
   * One atomic transaction on Open_vSwitch. Completes with the per-operation results; fails with
   * {@link OvsdbErrorException} when any operation (or the commit, reported as an extra result) failed,
   * in which case the server wrote nothing.
   */
  public CompletionStage<ArrayNode> transact(List<ObjectNode> ops) {
    ArrayNode params = Ovsdb.NODES.arrayNode().add(Ovsdb.DB);
    params.addAll(ops);
    return request("transact", params).thenApply(result -> {
      for (JsonNode r : result) if (r != null && r.hasNonNull("error")) throw new OvsdbErrorException("transact", result);
      return (ArrayNode) result;
    });
  }

  /**
   * Monitors {@link #MONITORED}; completes once the initial contents are in {@link #cache()}.
   * Every Interface change after that (and the initial rows) goes to {@code listener} as bound/unbound.
   */
  public CompletionStage<Void> monitor(BindingListener listener) {
    bindings = Objects.requireNonNull(listener);
    ObjectNode requests = Ovsdb.NODES.objectNode();
    MONITORED.forEach((table, columns) -> {
      ArrayNode cols = requests.putObject(table).putArray("columns");
      columns.forEach(cols::add);
    });
    return request("monitor", Ovsdb.NODES.arrayNode().add(Ovsdb.DB).add(MONITOR_ID).add(requests)).thenAccept(initial -> {
      try {
        applyUpdates(initial);
      } catch (RuntimeException malformed) {
        // a reply we cannot read is as malformed as a bad frame: this connection ends, the others go on
        log.warn("{}: closing the OVSDB connection after a malformed monitor reply: {}", name(), oneLine(malformed));
        close();
        throw malformed;
      }
    });
  }

  public void close() {
    Channel c = channel;
    if (c != null) c.close();
  }

  private CompletionStage<JsonNode> request(String method, ArrayNode params) {
    long id = ids.getAndIncrement();
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    Channel c = channel;
    if (c == null || !c.isActive()) {
      result.completeExceptionally(new IOException(name() + " is not connected"));
      return result;
    }
    pending.put(id, new Pending(method, result));
    result.whenComplete((r, e) -> pending.remove(id));
    ObjectNode message = Ovsdb.NODES.objectNode().put("method", method);
    message.set("params", params);
    message.put("id", id);
    write(c, message, result);
    return result;
  }

  private void write(Channel c, ObjectNode message, CompletableFuture<?> failOnWriteError) {
    byte[] bytes;
    try {
      bytes = Ovsdb.JSON.writeValueAsBytes(message);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
    if (log.isTraceEnabled()) log.trace("{}: sending {}", name(), message);
    c.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(f -> {
      if (!f.isSuccess() && failOnWriteError != null) failOnWriteError.completeExceptionally(f.cause());
    });
  }

  private void applyUpdates(JsonNode tableUpdates) {
    if (!tableUpdates.isObject()) throw new CorruptedFrameException("table-updates is not an object: " + tableUpdates);
    for (OvsdbCache.Change change : cache.apply(tableUpdates)) {
      if (!"Interface".equals(change.table())) continue;
      InterfaceBinding before = binding(change.before());
      InterfaceBinding after = binding(change.after());
      if (Objects.equals(before, after)) continue;
      BindingListener b = bindings;
      if (b == null) continue;
      if (before != null) b.unbound(before);
      if (after != null) b.bound(after);
    }
    BindingListener b = bindings;
    if (b != null) b.updated(this);
  }

  /** An Interface row is bound when it names a logical port and OVS gave it a port number (ofport is [] before, -1 on failure). */
  public static InterfaceBinding binding(ObjectNode row) {
    if (row == null) return null;
    Map<String, String> ids = Ovsdb.stringMap(row.get("external_ids"));
    String ifaceId = ids.get("iface-id");
    JsonNode ofport = row.get("ofport");
    if (ifaceId == null || ofport == null || !ofport.isIntegralNumber() || ofport.asLong() <= 0) return null;
    return new InterfaceBinding(row.path("name").asText(), ofport.asLong(), ifaceId, ids.get("attached-mac"));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws IOException {
    JsonNode message;
    try (InputStream in = new ByteBufInputStream(frame)) {
      message = Ovsdb.JSON.readTree(in);
    }
    if (log.isTraceEnabled()) log.trace("{}: received {}", name(), message);
    if (message == null || !message.isObject()) throw new CorruptedFrameException("not a JSON-RPC object: " + message);
    JsonNode method = message.get("method");
    if (method != null && method.isTextual()) {
      handleRequest(ctx, method.asText(), message);
    } else if (message.has("result") || message.has("error")) {
      handleReply(message);
    } else {
      throw new CorruptedFrameException("neither request nor reply: " + message);
    }
  }

  private void handleRequest(ChannelHandlerContext ctx, String method, JsonNode message) {
    JsonNode params = message.get("params");
    switch (method) {
      case "echo" -> {
        ObjectNode reply = Ovsdb.NODES.objectNode();
        reply.set("result", params == null ? Ovsdb.NODES.arrayNode() : params);
        reply.putNull("error");
        reply.set("id", message.get("id"));
        write(ctx.channel(), reply, null);
        echoes.incrementAndGet();
      }
      case "update" -> {
        if (params == null || !params.isArray() || params.size() != 2) throw new CorruptedFrameException("bad update: " + message);
        applyUpdates(params.get(1));
      }
      // a request we do not serve gets a JSON-RPC error, as the RFC asks; only a malformed message ends the session
      default -> {
        if (message.hasNonNull("id")) {
          ObjectNode reply = Ovsdb.NODES.objectNode();
          reply.putNull("result");
          reply.put("error", "unknown method " + method);
          reply.set("id", message.get("id"));
          write(ctx.channel(), reply, null);
        }
      }
    }
  }

  private void handleReply(JsonNode message) {
    JsonNode id = message.get("id");
    if (id == null || !id.isIntegralNumber()) {
      // replies to echo requests we never sent, e.g. from an older session: harmless
      log.debug("{}: reply to no request of ours: {}", name(), message);
      return;
    }
    Pending request = pending.get(id.asLong());
    if (request == null) {
      log.debug("{}: reply to unknown id {}", name(), id);
      return;
    }
    JsonNode error = message.get("error");
    if (error != null && !error.isNull()) {
      request.result().completeExceptionally(new OvsdbErrorException(request.method(), error));
    } else {
      request.result().complete(message.get("result"));
    }
  }

  /** Jackson's messages end in a second line with the location; a log line stays one line. */
  private static String oneLine(Throwable cause) {
    return cause.toString().replace('\n', ' ');
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    log.info("{}: ovsdb-server connected", name());
    listener.connected(this);
    super.channelActive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!ctx.channel().isOpen()) return; // bytes still buffered after we closed: already logged
    log.warn("{}: closing the OVSDB connection after {}", name(), oneLine(cause));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    IOException closed = new IOException("OVSDB connection to " + name() + " closed");
    for (Pending p : List.copyOf(pending.values())) p.result().completeExceptionally(closed);
    log.info("{}: disconnected", name());
    listener.disconnected(this);
    super.channelInactive(ctx);
  }
}
