package io.tenet.switches.openflow;

import com.google.common.hash.PrimitiveSink;
import io.netty.buffer.ByteBuf;

/**
 * Nicira NXAST_CONJUNCTION ({@code conjunction(id,k/n)}), which Loxi has no class for. Wire format
 * (16 bytes, ofp-actions.c): type 0xffff, len 16, experimenter 0x2320, subtype 34, clause (0-based:
 * ovs-ofctl's k minus one), n_clauses, id.
 */
public record NxConjunction(long id, int clause, int clauses) implements NiciraAction {
  static final int SUBTYPE_CONJUNCTION = 34;
  static final int LENGTH = 16;

  public NxConjunction {
    if (id < 0 || id > 0xffff_ffffL) throw new IllegalArgumentException("a conjunction id is 32 bits: " + id);
    if (clauses < 2 || clauses > 64 || clause < 1 || clause > clauses) throw new IllegalArgumentException("no clause " + clause + "/" + clauses);
  }

  @Override
  public void writeTo(ByteBuf bb) {
    bb.writeShort(0xffff);
    bb.writeShort(LENGTH);
    bb.writeInt((int) NICIRA);
    bb.writeShort(SUBTYPE_CONJUNCTION);
    bb.writeByte(clause - 1);
    bb.writeByte(clauses);
    bb.writeInt((int) id);
  }

  @Override
  public void putTo(PrimitiveSink sink) {
    sink.putLong(id).putInt(clause).putInt(clauses);
  }
}
