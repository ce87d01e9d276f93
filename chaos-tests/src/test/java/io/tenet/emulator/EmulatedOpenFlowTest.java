package io.tenet.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.Cookie;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.Match;
import io.tenet.switches.flow.MatchField;
import io.tenet.switches.openflow.LoxiTranslation;
import io.tenet.switches.pipeline.Table;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFRoleReply;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/** The emulated switch answers like OVS and reads back exactly the bytes it was sent, vendor matches and actions included. */
class EmulatedOpenFlowTest {
  static final NioEventLoopGroup LOOP = new NioEventLoopGroup(1);
  final EmulatedHypervisor hv = new EmulatedHypervisor("emu-test", 0x00e0000000000007L, "10.200.0.7", List.of(), LOOP);
  final EmulatedTables tables = new EmulatedTables();
  final EmbeddedChannel channel = new EmbeddedChannel(new LengthFieldBasedFrameDecoder(EmulatedOpenFlow.MAX_MESSAGE, 2, 2, -4, 0),
      new EmulatedOpenFlow.LoxiEncoder(), new EmulatedOpenFlow(hv, tables));

  @AfterAll
  static void stop() {
    LOOP.shutdownGracefully();
  }

  @Test
  void featuresCarryTheDatapathIdAndAFlowComesBackByteForByte() throws Exception {
    ByteBuf hello = channel.readOutbound();
    assertEquals(0, hello.getUnsignedByte(1), "the switch says hello first");
    channel.writeInbound(wire(LoxiTranslation.OF13.buildFeaturesRequest().setXid(2).build()));
    OFFeaturesReply features = (OFFeaturesReply) LoxiTranslation.OF13.getReader().readFrom((ByteBuf) channel.readOutbound());
    assertEquals(0x00e0000000000007L, features.getDatapathId().getLong());

    FlowEntry conjunctive = new FlowEntry(Table.INGRESS_RULES, 190, Match.any().and(MatchField.CONJ_ID, 99).and(MatchField.ETH_TYPE, "0x0800"),
        List.of(new Action.WriteMetadata(0x4000000L, 0x4000000L), new Action.GotoTable(Table.INGRESS_VERDICT)), Cookie.of(Cookie.Owner.RULE, "remote-groups"));
    OFFlowAdd add = LoxiTranslation.flowAdd(conjunctive, 3);
    ByteBuf sent = wire(add);
    String sentMatchAndInstructions = ByteBufUtil.hexDump(sent, 48, sent.readableBytes() - 48);
    channel.writeInbound(sent);
    channel.writeInbound(wire(LoxiTranslation.OF13.buildBarrierRequest().setXid(4).build()));
    ByteBuf barrier = channel.readOutbound();
    assertEquals(21, barrier.getUnsignedByte(1));
    assertEquals(4, barrier.getUnsignedInt(4));

    channel.writeInbound(wire(LoxiTranslation.OF13.buildFlowStatsRequest().setXid(5).setTableId(TableId.ALL).setOutPort(OFPort.ANY).setOutGroup(OFGroup.ANY)
        .setCookie(U64.ZERO).setCookieMask(U64.ZERO).setMatch(LoxiTranslation.OF13.buildMatch().build()).build()));
    ByteBuf stats = channel.readOutbound();
    assertEquals(19, stats.getUnsignedByte(1), "a multipart reply");
    assertEquals(1, stats.getUnsignedShort(8), "of flow stats");
    int entry = 16;
    assertEquals(61, stats.getUnsignedByte(entry + 2));
    assertEquals(190, stats.getUnsignedShort(entry + 12));
    assertEquals(conjunctive.cookie().value(), stats.getLong(entry + 24));
    assertEquals(sentMatchAndInstructions, ByteBufUtil.hexDump(stats, entry + 48, stats.getUnsignedShort(entry) - 48));
    assertEquals(1, tables.flowCount());

    // a strict delete of that flow empties the table
    channel.writeInbound(wire(LoxiTranslation.OF13.buildFlowDeleteStrict().setXid(6).setTableId(TableId.of(61)).setPriority(190).setMatch(add.getMatch())
        .setOutPort(OFPort.ANY).setOutGroup(OFGroup.ANY).setBufferId(OFBufferId.NO_BUFFER).build()));
    assertEquals(0, tables.flowCount());
  }

  /** As OVS: a slave's flow-mod is refused and installs nothing, a stale generation is refused, a newer master request is granted. */
  @Test
  void rolesFollowGenerationsAndASlaveCannotWrite() throws Exception {
    channel.readOutbound(); // hello
    channel.writeInbound(wire(LoxiTranslation.OF13.buildRoleRequest().setXid(2).setRole(OFControllerRole.ROLE_SLAVE).setGenerationId(U64.of(5)).build()));
    assertEquals(OFControllerRole.ROLE_SLAVE, ((OFRoleReply) LoxiTranslation.OF13.getReader().readFrom((ByteBuf) channel.readOutbound())).getRole());
    FlowEntry drop = new FlowEntry(Table.CLASSIFY, 1, Match.any(), List.of(), Cookie.pipeline());
    channel.writeInbound(wire(LoxiTranslation.flowAdd(drop, 3)));
    ByteBuf refused = channel.readOutbound();
    assertEquals(List.of(1, 1, 10), List.of((int) refused.getUnsignedByte(1), refused.getUnsignedShort(8), refused.getUnsignedShort(10)), "OFPET_BAD_REQUEST, IS_SLAVE");
    assertEquals(0, tables.flowCount());

    channel.writeInbound(wire(LoxiTranslation.OF13.buildRoleRequest().setXid(4).setRole(OFControllerRole.ROLE_MASTER).setGenerationId(U64.of(4)).build()));
    ByteBuf stale = channel.readOutbound();
    assertEquals(List.of(1, 11, 0), List.of((int) stale.getUnsignedByte(1), stale.getUnsignedShort(8), stale.getUnsignedShort(10)), "OFPET_ROLE_REQUEST_FAILED, STALE");
    channel.writeInbound(wire(LoxiTranslation.OF13.buildRoleRequest().setXid(5).setRole(OFControllerRole.ROLE_MASTER).setGenerationId(U64.of(6)).build()));
    assertEquals(OFControllerRole.ROLE_MASTER, ((OFRoleReply) LoxiTranslation.OF13.getReader().readFrom((ByteBuf) channel.readOutbound())).getRole());
    channel.writeInbound(wire(LoxiTranslation.flowAdd(drop, 6)));
    assertEquals(1, tables.flowCount());
  }

  private static ByteBuf wire(OFMessage message) {
    ByteBuf buffer = Unpooled.buffer();
    message.writeTo(buffer);
    return buffer;
  }
}
