package io.tenet.switches.openflow;

import com.google.common.hash.PrimitiveSink;
import io.netty.buffer.ByteBuf;

/**
 * Nicira NXAST_RESUBMIT_TABLE ({@code resubmit(,table)}), which Loxi has no class for. Wire format
 * (16 bytes, ofp-actions.c): type 0xffff, len 16, experimenter 0x2320, subtype 14, in_port
 * (0xfff8, OFPP_IN_PORT: the packet's own), table, 3 bytes of padding.
 */
public record NxResubmit(int table) implements NiciraAction {
  static final int SUBTYPE_RESUBMIT_TABLE = 14;
  static final int LENGTH = 16;
  static final int OFPP_IN_PORT_10 = 0xfff8;

  public NxResubmit {
    if (table < 0 || table > 254) throw new IllegalArgumentException("no table " + table);
  }

  @Override
  public void writeTo(ByteBuf bb) {
    bb.writeShort(0xffff);
    bb.writeShort(LENGTH);
    bb.writeInt((int) NICIRA);
    bb.writeShort(SUBTYPE_RESUBMIT_TABLE);
    bb.writeShort(OFPP_IN_PORT_10);
    bb.writeByte(table);
    bb.writeZero(3);
  }

  @Override
  public void putTo(PrimitiveSink sink) {
    sink.putInt(table);
  }
}
