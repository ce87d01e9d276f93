package io.tenet.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFAuxId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.U64;

/**
 * The OpenFlow 1.3 side of an emulated switch, as OVS answers a controller: hello, features, role,
 * echo, barrier, and the multipart requests the controller makes (flow stats, aggregate, group
 * description, port description). Flow-mods and group-mods go into {@link EmulatedTables}, read
 * as raw bytes, since they carry Nicira actions and matches a Loxi reader would refuse. Messages
 * are handled in order, so a barrier reply means everything before it is in the tables.
 */
final class EmulatedOpenFlow extends SimpleChannelInboundHandler<ByteBuf> {
  static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
  static final int MAX_MESSAGE = 0xffff;
  private static final int FLOW_STATS_FIXED = 48;

  private final EmulatedHypervisor hypervisor;
  private final EmulatedTables tables;
  // a new connection is EQUAL, as on OVS; the hypervisor changes it when another claims master
  private volatile OFControllerRole role = OFControllerRole.ROLE_EQUAL;
  private volatile ChannelHandlerContext context;

  EmulatedOpenFlow(EmulatedHypervisor hypervisor, EmulatedTables tables) {
    this.hypervisor = hypervisor;
    this.tables = tables;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    context = ctx;
    ctx.writeAndFlush(OF13.buildHello().setXid(1)
        .setElements(List.of(OF13.buildHelloElemVersionbitmap().setBitmaps(List.of(U32.of(1 << 4))).build())).build());
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    hypervisor.openFlowClosed();
  }

  OFControllerRole role() {
    return role;
  }

  boolean isActive() {
    ChannelHandlerContext ctx = context;
    return ctx != null && ctx.channel().isActive();
  }

  /** Another connection became master: this one is slave now and, as OVS does, is told with an ONF role-status message. */
  void demoted(long generation) {
    role = OFControllerRole.ROLE_SLAVE;
    ChannelHandlerContext ctx = context;
    if (ctx == null) return;
    ByteBuf status = Unpooled.buffer(32);
    status.writeByte(4).writeByte(4).writeShort(32).writeInt(0).writeInt(0x4F4E4600).writeInt(1911).writeInt(3).writeByte(0).writeZero(3).writeLong(generation);
    ctx.writeAndFlush(status);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    int type = frame.getUnsignedByte(1);
    long xid = frame.getUnsignedInt(4);
    switch (type) {
      case 2 -> ctx.writeAndFlush(OF13.buildEchoReply().setXid(xid).setData(bytes(frame, 8, frame.readableBytes() - 8)).build()); // echo request
      case 5 -> ctx.writeAndFlush(OF13.buildFeaturesReply().setXid(xid).setDatapathId(DatapathId.of(hypervisor.datapathId()))
          .setNBuffers(0).setNTables((short) 254).setAuxiliaryId(OFAuxId.MAIN).setCapabilities(Set.of()).build());
      case 14, 15 -> {
        if (role == OFControllerRole.ROLE_SLAVE) error(ctx, frame, xid, 1, 10); // OFPET_BAD_REQUEST, OFPBRC_IS_SLAVE: nothing installed
        else if (type == 14) tables.flowMod(frame);
        else tables.groupMod(frame);
      }
      case 18 -> multipart(ctx, frame, xid);
      case 20 -> ctx.writeAndFlush(OF13.buildBarrierReply().setXid(xid).build());
      case 24 -> role(ctx, frame, xid);
      default -> { } // hello, set-config, packet-out, echo reply: nothing to answer
    }
  }

  /** Roles as OVS keeps them: one generation per bridge, a stale one refused, a new master demoting the old. */
  private void role(ChannelHandlerContext ctx, ByteBuf frame, long xid) {
    long requested = frame.getUnsignedInt(8);
    long generation = frame.getLong(16);
    if (requested == 0) {
      ctx.writeAndFlush(OF13.buildRoleReply().setXid(xid).setRole(role).setGenerationId(U64.of(hypervisor.generation())).build());
      return;
    }
    if (requested == 2 || requested == 3) {
      if (!hypervisor.acceptGeneration(generation)) {
        error(ctx, frame, xid, 11, 0); // OFPET_ROLE_REQUEST_FAILED, OFPRRFC_STALE
        return;
      }
      if (requested == 2) hypervisor.becameMaster(this, generation);
    }
    role = requested == 1 ? OFControllerRole.ROLE_EQUAL : requested == 2 ? OFControllerRole.ROLE_MASTER : OFControllerRole.ROLE_SLAVE;
    ctx.writeAndFlush(OF13.buildRoleReply().setXid(xid).setRole(role).setGenerationId(U64.of(generation)).build());
  }

  /** An OFPT_ERROR echoing the first 64 bytes of the request, as OVS does. */
  private static void error(ChannelHandlerContext ctx, ByteBuf frame, long xid, int errorType, int code) {
    int echoed = Math.min(64, frame.readableBytes());
    ByteBuf error = Unpooled.buffer(12 + echoed);
    error.writeByte(4).writeByte(1).writeShort(12 + echoed).writeInt((int) xid).writeShort(errorType).writeShort(code).writeBytes(frame, 0, echoed);
    ctx.writeAndFlush(error);
  }

  private void multipart(ChannelHandlerContext ctx, ByteBuf frame, long xid) {
    int kind = frame.getUnsignedShort(8);
    switch (kind) {
      case 1 -> flowStats(ctx, frame, xid);
      case 2 -> {
        int table = frame.getUnsignedByte(16);
        int count = tables.flows(table, frame.getLong(32), frame.getLong(40)).size();
        ctx.writeAndFlush(OF13.buildAggregateStatsReply().setXid(xid).setFlowCount(count).setPacketCount(U64.ZERO).setByteCount(U64.ZERO).build());
      }
      case 7 -> groupDescriptions(ctx, xid);
      case 13 -> ctx.writeAndFlush(OF13.buildPortDescStatsReply().setXid(xid).setEntries(portDescriptions()).build());
      default -> { }
    }
  }

  private List<OFPortDesc> portDescriptions() {
    List<OFPortDesc> ports = new ArrayList<>();
    for (EmulatedHypervisor.Interface iface : hypervisor.interfaces()) {
      ports.add(OF13.buildPortDesc().setPortNo(OFPort.of((int) iface.ofport())).setName(iface.name()).setHwAddr(MacAddress.of(iface.ofport() + 1))
          .setConfig(Set.of()).setState(Set.of()).setCurr(Set.of()).setAdvertised(Set.of()).setSupported(Set.of()).setPeer(Set.of()).build());
    }
    return ports;
  }

  private void flowStats(ChannelHandlerContext ctx, ByteBuf frame, long xid) {
    int table = frame.getUnsignedByte(16);
    List<ByteBuf> entries = new ArrayList<>();
    for (EmulatedTables.Flow flow : tables.flows(table, frame.getLong(32), frame.getLong(40))) {
      int length = FLOW_STATS_FIXED + flow.key().match().length + flow.instructions().length;
      ByteBuf entry = Unpooled.buffer(length);
      entry.writeShort(length).writeByte(flow.key().table()).writeZero(1).writeInt(0).writeInt(0).writeShort(flow.key().priority())
          .writeShort(0).writeShort(0).writeShort(0).writeZero(4).writeLong(flow.cookie()).writeLong(0).writeLong(0)
          .writeBytes(flow.key().match()).writeBytes(flow.instructions());
      entries.add(entry);
    }
    sendMultipart(ctx, xid, 1, entries);
  }

  private void groupDescriptions(ChannelHandlerContext ctx, long xid) {
    List<ByteBuf> entries = new ArrayList<>();
    for (EmulatedTables.Group group : tables.groups()) {
      int length = 8 + group.buckets().length;
      entries.add(Unpooled.buffer(length).writeShort(length).writeByte(group.type()).writeZero(1).writeInt((int) group.groupId()).writeBytes(group.buckets()));
    }
    sendMultipart(ctx, xid, 7, entries);
  }

  /** As many OFPT_MULTIPART_REPLY messages as the entries need, all but the last flagged REPLY_MORE. */
  private static void sendMultipart(ChannelHandlerContext ctx, long xid, int kind, List<ByteBuf> entries) {
    int i = 0;
    do {
      ByteBuf reply = Unpooled.buffer();
      reply.writeByte(4).writeByte(19).writeShort(0).writeInt((int) xid).writeShort(kind).writeShort(0).writeZero(4);
      while (i < entries.size() && reply.writerIndex() + entries.get(i).readableBytes() <= MAX_MESSAGE) {
        ByteBuf entry = entries.get(i++);
        reply.writeBytes(entry);
        entry.release();
      }
      reply.setShort(2, reply.writerIndex());
      if (i < entries.size()) reply.setShort(10, 1);
      ctx.write(reply);
    } while (i < entries.size());
    ctx.flush();
  }

  private static byte[] bytes(ByteBuf frame, int from, int length) {
    byte[] out = new byte[Math.max(0, length)];
    frame.getBytes(from, out);
    return out;
  }

  /** Writes Loxi messages (the simple replies) as the switch's own. */
  static final class LoxiEncoder extends io.netty.handler.codec.MessageToByteEncoder<OFMessage> {
    @Override
    protected void encode(ChannelHandlerContext ctx, OFMessage msg, ByteBuf out) {
      msg.writeTo(out);
    }
  }
}
