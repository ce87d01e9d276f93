package io.tenet.switches.openflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.compile.FlowCompiler;
import io.tenet.switches.compile.SampleViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/** The connection handler against a scripted switch (Netty's EmbeddedChannel): no sockets, no OVS. */
class SwitchConnectionTest {
  static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
  final List<String> events = new ArrayList<>();
  final SwitchConnection connection = new SwitchConnection(new SwitchListener() {
    @Override
    public void connected(SwitchConnection c) {
      events.add("connected " + c.dpid());
    }

    @Override
    public void disconnected(SwitchConnection c) {
      events.add("disconnected");
    }
  }, 7);
  final EmbeddedChannel channel = new EmbeddedChannel(OpenFlowDecoder.frames(), new OpenFlowDecoder(), new OpenFlowEncoder(), connection);

  @Test
  void handshakeSendsSlaveFirstThenFeaturesAndReportsTheDatapath() {
    assertEquals(OFType.HELLO, sent().getType());
    receive(OF13.buildHello().setXid(100).build());
    OFRoleRequest role = (OFRoleRequest) sent();
    assertEquals(OFControllerRole.ROLE_SLAVE, role.getRole(), "the very first request after HELLO");
    assertEquals(7, role.getGenerationId().getValue());
    OFMessage features = sent();
    assertEquals(OFType.FEATURES_REQUEST, features.getType());
    receive(OF13.buildFeaturesReply().setXid(features.getXid()).setDatapathId(DatapathId.of(0x42)).build());
    assertTrue(events.isEmpty(), "not connected before the role is answered");
    receive(OF13.buildRoleReply().setXid(role.getXid()).setRole(OFControllerRole.ROLE_SLAVE).setGenerationId(U64.of(7)).build());
    assertEquals(List.of("connected " + DatapathId.of(0x42)), events);
    receive(OF13.buildEchoRequest().setXid(55).setData(new byte[] {1, 2}).build());
    OFMessage echo = sent();
    assertEquals(OFType.ECHO_REPLY, echo.getType());
    assertEquals(55, echo.getXid());
    channel.close();
    assertEquals("disconnected", events.get(events.size() - 1));
  }

  @Test
  void anotherVersionIsRefused() {
    sent();
    receive(OFFactories.getFactory(OFVersion.OF_10).buildHello().setXid(1).build());
    assertFalse(channel.isOpen());
    assertTrue(events.isEmpty());
  }

  @Test
  void aMalformedFrameClosesTheConnection() {
    sent();
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {4, 0, 0, 4, 0, 0, 0, 1}));
    assertFalse(channel.isOpen());
  }

  @Test
  void anUnexpectedMessageClosesTheConnection() {
    handshake();
    receive(OF13.buildFeaturesRequest().setXid(9).build());
    assertFalse(channel.isOpen());
  }

  @Test
  void applyFailsWhenOneModIsRefusedAndSucceedsOnTheBarrierOtherwise() throws Exception {
    handshake();
    CompiledFlows hv1 = FlowCompiler.compile(SampleViews.HV1);
    CompletableFuture<Void> ok = connection.apply(hv1).toCompletableFuture();
    List<Header> mods = drain();
    assertEquals(hv1.groups().size() + hv1.flows().size() + 1, mods.size());
    assertTrue(mods.subList(0, hv1.groups().size()).stream().allMatch(m -> m.type() == OFPT_GROUP_MOD), "groups before the flows using them");
    Header barrier = mods.get(mods.size() - 1);
    assertEquals(OFPT_BARRIER_REQUEST, barrier.type());
    assertFalse(ok.isDone());
    receive(OF13.buildBarrierReply().setXid(barrier.xid()).build());
    assertNull(ok.get());

    CompletableFuture<Void> refused = connection.apply(hv1).toCompletableFuture();
    mods = drain();
    receive(OF13.errorMsgs().buildBadRequestErrorMsg().setXid(mods.get(5).xid()).setCode(OFBadRequestCode.IS_SLAVE).build());
    receive(OF13.buildBarrierReply().setXid(mods.get(mods.size() - 1).xid()).build());
    ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, refused::get);
    assertInstanceOf(OpenFlowErrorException.class, failure.getCause());
  }

  @Test
  void flowStatsRepliesAreCollectedUntilTheLastOne() throws Exception {
    handshake();
    CompletableFuture<List<DumpedFlow>> dump = connection.dumpFlows().toCompletableFuture();
    long xid = sent().getXid();
    receive(OF13.buildFlowStatsReply().setXid(xid).setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE)).setEntries(List.of(entry(1), entry(2))).build());
    assertFalse(dump.isDone());
    receive(OF13.buildFlowStatsReply().setXid(xid).setEntries(List.of(entry(3))).build());
    assertEquals(List.of(1L, 2L, 3L), dump.get().stream().map(DumpedFlow::cookie).toList());
    assertEquals(10, dump.get().get(0).tableId());
    assertEquals(1, dump.get().get(0).instructions().size());
  }

  @Test
  void pendingRequestsFailWhenTheConnectionCloses() {
    handshake();
    CompletableFuture<?> role = connection.requestRole(OFControllerRole.ROLE_MASTER, 9).toCompletableFuture();
    channel.close();
    assertTrue(role.isCompletedExceptionally());
  }

  /** IdleStateHandler (5 s reader idle in the listener's pipeline) fires these; the first asks, the next gives up. */
  @Test
  void silenceIsProbedWithAnEchoAndThenEndsTheConnection() {
    handshake();
    channel.pipeline().fireUserEventTriggered(io.netty.handler.timeout.IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    assertEquals(OFType.ECHO_REQUEST, sent().getType());
    assertTrue(channel.isOpen());
    channel.pipeline().fireUserEventTriggered(io.netty.handler.timeout.IdleStateEvent.READER_IDLE_STATE_EVENT);
    assertFalse(channel.isOpen());
    assertEquals("disconnected", events.get(events.size() - 1));
  }

  static OFFlowStatsEntry entry(long cookie) {
    return OF13.buildFlowStatsEntry().setTableId(TableId.of(10)).setPriority(200).setCookie(U64.of(cookie)).setMatch(OF13.buildMatch().build())
        .setInstructions(List.of(OF13.instructions().gotoTable(TableId.of(20)))).build();
  }

  void handshake() {
    sent();
    receive(OF13.buildHello().setXid(100).build());
    OFMessage role = sent();
    OFMessage features = sent();
    receive(OF13.buildFeaturesReply().setXid(features.getXid()).setDatapathId(DatapathId.of(1)).build());
    receive(OF13.buildRoleReply().setXid(role.getXid()).setRole(OFControllerRole.ROLE_SLAVE).setGenerationId(U64.of(7)).build());
    assertTrue(connection.isConnected());
  }

  void receive(OFMessage message) {
    ByteBuf wire = Unpooled.buffer();
    message.writeTo(wire);
    channel.writeInbound(wire);
  }

  OFMessage sent() {
    ByteBuf wire = channel.readOutbound();
    try {
      return OFFactories.getGenericReader().readFrom(wire);
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      wire.release();
    }
  }

  /** Header of a sent message: Loxi cannot read back our NXAST_REG_MOVE, and the test only needs type and xid. */
  record Header(int type, long xid) {}

  static final int OFPT_GROUP_MOD = 15;
  static final int OFPT_BARRIER_REQUEST = 20;

  List<Header> drain() {
    List<Header> all = new ArrayList<>();
    while (!channel.outboundMessages().isEmpty()) {
      ByteBuf wire = channel.readOutbound();
      all.add(new Header(wire.getUnsignedByte(1), wire.getUnsignedInt(4)));
      wire.release();
    }
    return all;
  }
}
