package io.tenet.switches.openflow;

import com.google.common.hash.PrimitiveSink;
import io.netty.buffer.ByteBuf;

/**
 * Nicira NXAST_CT ({@code ct(commit,zone=N,table=T,exec(set_field:M->ct_mark))}), which Loxi has
 * no class for: sends the packet through the connection tracker in zone {@code zone}, commits the
 * connection if asked (setting its ct_mark to {@code mark} when that is not {@link #NO_MARK}), and
 * resumes the pipeline in {@code recircTable} with ct_state set (or, without a table, continues
 * in the same pass), translating addresses if {@code nat} is set ({@link NxNat}). Wire format (ofp-actions.c): type 0xffff, len, experimenter 0x2320, subtype
 * 35, flags (1 = commit), zone_src 0 (an immediate zone), zone, recirc_table (255: none), 3 bytes
 * pad, alg 0 (24 bytes); then the nested actions, here at most one OpenFlow 1.3 set_field of
 * NXM_NX_CT_MARK (16 bytes), or a nat.
 */
public record NxConntrack(boolean commit, int zone, int recircTable, long mark, NxNat nat) implements NiciraAction {
  static final int SUBTYPE_CT = 35;
  static final int LENGTH = 24;
  static final int SET_MARK_LENGTH = 16;
  static final int FLAG_COMMIT = 1;
  /** NX_CT_RECIRC_NONE. */
  public static final int NO_RECIRCULATION = 0xff;
  /** No exec(): the connection's ct_mark is left as it is. */
  public static final long NO_MARK = -1;
  static final int OFPAT_SET_FIELD = 25;
  /** NXM_NX_CT_MARK: class 0x0001, field 107, 4 bytes. */
  static final int NXM_NX_CT_MARK = 0x0001d604;

  public NxConntrack {
    if (zone < 0 || zone > 0xffff) throw new IllegalArgumentException("a conntrack zone is 16 bits: " + zone);
    if (recircTable < 0 || recircTable > 0xff) throw new IllegalArgumentException("no table " + recircTable);
    if (mark != NO_MARK && (mark < 0 || mark > 0xffff_ffffL)) throw new IllegalArgumentException("a ct_mark is 32 bits: " + mark);
    if (mark != NO_MARK && !commit) throw new IllegalArgumentException("OVS sets ct_mark only when it commits");
  }

  public NxConntrack(boolean commit, int zone, int recircTable) {
    this(commit, zone, recircTable, NO_MARK, null);
  }

  public NxConntrack(boolean commit, int zone, int recircTable, long mark) {
    this(commit, zone, recircTable, mark, null);
  }

  @Override
  public void writeTo(ByteBuf bb) {
    bb.writeShort(0xffff);
    bb.writeShort(LENGTH + (mark == NO_MARK ? 0 : SET_MARK_LENGTH) + (nat == null ? 0 : nat.length()));
    bb.writeInt((int) NICIRA);
    bb.writeShort(SUBTYPE_CT);
    bb.writeShort(commit ? FLAG_COMMIT : 0);
    bb.writeInt(0);
    bb.writeShort(zone);
    bb.writeByte(recircTable);
    bb.writeZero(3);
    bb.writeShort(0);
    if (nat != null) nat.writeTo(bb);
    if (mark != NO_MARK) {
      bb.writeShort(OFPAT_SET_FIELD);
      bb.writeShort(SET_MARK_LENGTH);
      bb.writeInt(NXM_NX_CT_MARK);
      bb.writeInt((int) mark);
      bb.writeZero(4);
    }
  }

  @Override
  public void putTo(PrimitiveSink sink) {
    sink.putBoolean(commit).putInt(zone).putInt(recircTable).putLong(mark);
    if (nat != null) sink.putInt(nat.flags()).putInt(nat.ipv4());
  }
}
