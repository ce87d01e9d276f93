package io.tenet.switches.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;

/**
 * One OpenFlow frame (cut by {@link #frames()}) to a Loxi message. Flow-stats and group-desc
 * replies of 1.3 are read here entry by entry into wire bytes ({@link DumpedFlow}): reconciliation
 * compares bytes, and Loxi fails a whole reply on a single Nicira action it does not know (our ARP
 * responder's NXAST_REG_MOVE). A frame Loxi cannot read
 * throws, and the connection handler closes that one connection. OVS's ONF role-status message is
 * read here too ({@link RoleStatus}).
 */
final class OpenFlowDecoder extends MessageToMessageDecoder<ByteBuf> {
  private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();
  private static final int OFPT_EXPERIMENTER = 4;
  private static final int OFPT_MULTIPART_REPLY = 19;
  private static final int OFPMP_FLOW = 1;
  private static final int OFPMP_GROUP_DESC = 7;
  private static final int OFPMPF_REPLY_MORE = 1;
  /** ofp_flow_stats up to its match. */
  private static final int FLOW_STATS_FIXED = 48;

  /** The header's length (offset 2, 2 bytes) counts the header itself; OpenFlow messages are at most 64 KiB. */
  static LengthFieldBasedFrameDecoder frames() {
    return new LengthFieldBasedFrameDecoder(0xffff, 2, 2, -4, 0);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws OFParseError {
    int start = frame.readerIndex();
    if (frame.readableBytes() < 8) throw new CorruptedFrameException("OpenFlow frame shorter than its header");
    if (frame.getUnsignedByte(start) == 4 && frame.getUnsignedByte(start + 1) == OFPT_MULTIPART_REPLY && frame.readableBytes() >= 16
        && frame.getUnsignedShort(start + 8) == OFPMP_FLOW) {
      out.add(flowStats(frame));
      return;
    }
    if (frame.getUnsignedByte(start) == 4 && frame.getUnsignedByte(start + 1) == OFPT_MULTIPART_REPLY && frame.readableBytes() >= 16
        && frame.getUnsignedShort(start + 8) == OFPMP_GROUP_DESC) {
      out.add(groupDescriptions(frame));
      return;
    }
    if (frame.getUnsignedByte(start) == 4 && frame.getUnsignedByte(start + 1) == OFPT_EXPERIMENTER && frame.readableBytes() >= 32
        && frame.getUnsignedInt(start + 8) == RoleStatus.ONF_EXPERIMENTER && frame.getUnsignedInt(start + 12) == RoleStatus.ONFT_ROLE_STATUS) {
      // ofp_header, experimenter, exp_type, then role u32, reason u8, pad 3, generation_id u64
      out.add(new RoleStatus(RoleStatus.role(frame.getUnsignedInt(start + 16)), frame.getUnsignedByte(start + 20), frame.getLong(start + 24)));
      frame.skipBytes(frame.readableBytes());
      return;
    }
    OFMessage message = READER.readFrom(frame);
    if (message == null) throw new CorruptedFrameException("incomplete OpenFlow message in a whole frame");
    out.add(message);
  }

  static FlowStatsChunk flowStats(ByteBuf frame) {
    int start = frame.readerIndex();
    int end = start + frame.getUnsignedShort(start + 2);
    long xid = frame.getUnsignedInt(start + 4);
    boolean more = (frame.getUnsignedShort(start + 10) & OFPMPF_REPLY_MORE) != 0;
    List<DumpedFlow> flows = new ArrayList<>();
    int entry = start + 16;
    while (entry < end) {
      int length = frame.getUnsignedShort(entry);
      if (length < FLOW_STATS_FIXED + 8 || entry + length > end) throw new CorruptedFrameException("bad flow-stats entry length " + length);
      int tableId = frame.getUnsignedByte(entry + 2);
      int priority = frame.getUnsignedShort(entry + 12);
      long cookie = frame.getLong(entry + 24);
      int matchStart = entry + FLOW_STATS_FIXED;
      int matchLength = frame.getUnsignedShort(matchStart + 2);
      int instructionsStart = matchStart + (matchLength + 7) / 8 * 8;
      if (instructionsStart > entry + length) throw new CorruptedFrameException("a flow-stats match runs past its entry");
      WireMatch match;
      try {
        match = WireMatch.read(frame, matchStart);
      } catch (IllegalArgumentException bad) {
        throw new CorruptedFrameException("bad flow-stats match: " + bad.getMessage());
      }
      byte[] instructions = new byte[entry + length - instructionsStart];
      frame.getBytes(instructionsStart, instructions);
      flows.add(new DumpedFlow(tableId, priority, cookie, match, instructions));
      entry += length;
    }
    frame.readerIndex(end);
    return new FlowStatsChunk(xid, more, flows);
  }

  /** OFPMP_GROUP_DESC, read by hand like flow stats: buckets may carry actions Loxi cannot read, and they are compared as bytes. */
  static GroupDescChunk groupDescriptions(ByteBuf frame) {
    int start = frame.readerIndex();
    int end = start + frame.getUnsignedShort(start + 2);
    long xid = frame.getUnsignedInt(start + 4);
    boolean more = (frame.getUnsignedShort(start + 10) & OFPMPF_REPLY_MORE) != 0;
    List<DumpedGroup> groups = new ArrayList<>();
    int entry = start + 16;
    while (entry < end) {
      // ofp_group_desc: length u16, type u8, pad, group_id u32, then the buckets
      int length = frame.getUnsignedShort(entry);
      if (length < 8 || entry + length > end) throw new CorruptedFrameException("bad group-desc entry length " + length);
      int type = frame.getUnsignedByte(entry + 2);
      long groupId = frame.getUnsignedInt(entry + 4);
      byte[] buckets = new byte[length - 8];
      frame.getBytes(entry + 8, buckets);
      groups.add(new DumpedGroup(groupId, type, buckets));
      entry += length;
    }
    frame.readerIndex(end);
    return new GroupDescChunk(xid, more, groups);
  }
}
