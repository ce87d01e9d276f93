package io.tenet.switches.openflow;

import com.google.common.hash.PrimitiveSink;
import io.netty.buffer.ByteBuf;

/**
 * Nicira NXAST_CT ({@code ct(commit,zone=N,table=T)}), which Loxi has no class for: sends the
 * packet through the connection tracker in zone {@code zone}, commits the connection if asked, and
 * resumes the pipeline in {@code recircTable} with ct_state set (or, without a table, continues
 * untracked-aware in the same pass). Wire format (24 bytes, no nested actions; ofp-actions.c):
 * type 0xffff, len 24, experimenter 0x2320, subtype 35, flags (1 = commit), zone_src 0 (an
 * immediate zone), zone, recirc_table (255: none), 3 bytes pad, alg 0.
 */
public record NxConntrack(boolean commit, int zone, int recircTable) implements NiciraAction {
  static final int SUBTYPE_CT = 35;
  static final int LENGTH = 24;
  static final int FLAG_COMMIT = 1;
  /** NX_CT_RECIRC_NONE. */
  public static final int NO_RECIRCULATION = 0xff;

  public NxConntrack {
    if (zone < 0 || zone > 0xffff) throw new IllegalArgumentException("a conntrack zone is 16 bits: " + zone);
    if (recircTable < 0 || recircTable > 0xff) throw new IllegalArgumentException("no table " + recircTable);
  }

  @Override
  public void writeTo(ByteBuf bb) {
    bb.writeShort(0xffff);
    bb.writeShort(LENGTH);
    bb.writeInt((int) NICIRA);
    bb.writeShort(SUBTYPE_CT);
    bb.writeShort(commit ? FLAG_COMMIT : 0);
    bb.writeInt(0);
    bb.writeShort(zone);
    bb.writeByte(recircTable);
    bb.writeZero(3);
    bb.writeShort(0);
  }

  @Override
  public void putTo(PrimitiveSink sink) {
    sink.putBoolean(commit).putInt(zone).putInt(recircTable);
  }
}
