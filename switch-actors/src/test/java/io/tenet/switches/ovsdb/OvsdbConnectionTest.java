package io.tenet.switches.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.json.JsonObjectDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** JSON-RPC framing, echo, replies by id and monitor updates on an embedded channel (no OVS). */
class OvsdbConnectionTest {
  final List<String> events = new ArrayList<>();
  final OvsdbConnection connection = new OvsdbConnection(new OvsdbConnectionListener() {
    @Override
    public void connected(OvsdbConnection c) {
      events.add("connected");
    }

    @Override
    public void disconnected(OvsdbConnection c) {
      events.add("disconnected");
    }
  });
  final EmbeddedChannel channel = new EmbeddedChannel(new JsonObjectDecoder(1 << 20), connection);

  void receive(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  JsonNode sent() throws Exception {
    ByteBuf out = channel.readOutbound();
    try {
      return Ovsdb.JSON.readTree(out.toString(StandardCharsets.UTF_8));
    } finally {
      out.release();
    }
  }

  @Test
  void echoIsAnsweredWithItsParamsEvenWhenMessagesArriveGlued() throws Exception {
    CompletableFuture<List<String>> dbs = connection.listDbs().toCompletableFuture();
    assertEquals("list_dbs", sent().get("method").asText());
    // two values back to back, the second cut in the middle: the framing must not care
    receive("{\"id\":\"echo\",\"method\":\"echo\",\"params\":[\"x{\"]}{\"id\":1,\"result\":[\"Open_vS");
    receive("witch\",\"_Server\"],\"error\":null}");
    assertEquals(Ovsdb.JSON.readTree("{\"result\":[\"x{\"],\"error\":null,\"id\":\"echo\"}"), sent());
    assertEquals(List.of("Open_vSwitch", "_Server"), dbs.get());
  }

  @Test
  void monitorUpdatesBecomeBindings() throws Exception {
    List<String> bindings = new ArrayList<>();
    CompletableFuture<Void> monitored = connection.monitor(new BindingListener() {
      @Override
      public void bound(InterfaceBinding b) {
        bindings.add("bound " + b);
      }

      @Override
      public void unbound(InterfaceBinding b) {
        bindings.add("unbound " + b);
      }
    }).toCompletableFuture();
    JsonNode request = sent();
    assertEquals("monitor", request.get("method").asText());
    assertEquals(List.of("name", "ofport", "external_ids", "type", "options", "bfd_status"),
        Ovsdb.JSON.convertValue(request.at("/params/2/Interface/columns"), List.class));
    receive("{\"id\":" + request.get("id") + ",\"error\":null,\"result\":{\"Interface\":{\"u1\":{\"new\":{\"name\":\"tap1\",\"ofport\":[\"set\",[]],"
        + "\"external_ids\":[\"map\",[[\"attached-mac\",\"fa:16:3e:00:00:01\"],[\"iface-id\",\"port-1\"]]]}}}}}");
    assertTrue(monitored.isDone());
    assertEquals(List.of(), bindings);
    receive("{\"id\":null,\"method\":\"update\",\"params\":[\"tenet\",{\"Interface\":{\"u1\":{\"old\":{\"ofport\":[\"set\",[]]},\"new\":{\"name\":\"tap1\","
        + "\"ofport\":7,\"external_ids\":[\"map\",[[\"attached-mac\",\"fa:16:3e:00:00:01\"],[\"iface-id\",\"port-1\"]]]}}}}]}");
    receive("{\"id\":null,\"method\":\"update\",\"params\":[\"tenet\",{\"Interface\":{\"u1\":{\"old\":{\"name\":\"tap1\"}}}}]}");
    InterfaceBinding tap1 = new InterfaceBinding("tap1", 7, "port-1", "fa:16:3e:00:00:01");
    assertEquals(List.of("bound " + tap1, "unbound " + tap1), bindings);
  }

  @Test
  void malformedMessageClosesTheConnectionAndFailsPendingRequests() throws Exception {
    CompletableFuture<List<String>> dbs = connection.listDbs().toCompletableFuture();
    receive("{\"id\":1,\"result\":[1,}]}");
    assertFalse(channel.isActive());
    assertTrue(dbs.isCompletedExceptionally());
    assertEquals(List.of("connected", "disconnected"), events);
  }

  @Test
  void malformedMonitorReplyClosesTheConnection() throws Exception {
    CompletableFuture<Void> monitored = connection.monitor(new BindingListener() {
      @Override
      public void bound(InterfaceBinding b) {}

      @Override
      public void unbound(InterfaceBinding b) {}
    }).toCompletableFuture();
    receive("{\"id\":" + sent().get("id") + ",\"error\":null,\"result\":[1]}");
    assertTrue(monitored.isCompletedExceptionally());
    assertFalse(channel.isActive());
  }

  @Test
  void errorReplyFailsTheRequest() throws Exception {
    CompletableFuture<?> tx = connection.transact(List.of(Ovsdb.NODES.objectNode().put("op", "comment").put("comment", "x"))).toCompletableFuture();
    JsonNode request = sent();
    assertEquals("Open_vSwitch", request.at("/params/0").asText());
    receive("{\"id\":" + request.get("id") + ",\"error\":null,\"result\":[{\"error\":\"constraint violation\",\"details\":\"x\"}]}");
    assertTrue(tx.isCompletedExceptionally());
  }
}
