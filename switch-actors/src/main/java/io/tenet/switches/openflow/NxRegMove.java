package io.tenet.switches.openflow;

import com.google.common.hash.PrimitiveSink;
import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * Nicira NXAST_REG_MOVE ({@code move:SRC[]->DST[]}), which Loxi has no class for. The ARP
 * responder needs it to copy the request's sender into the reply's target; OVS accepts Nicira
 * actions on OpenFlow 1.3 connections. Wire format (24 bytes, nx-match.h / ofp-actions.c):
 * type 0xffff, len 24, experimenter 0x2320, subtype 6, n_bits, src_ofs, dst_ofs, src header, dst header.
 * Only whole-field moves of equal width are built (what the compiler emits).
 */
public record NxRegMove(int nBits, int srcOffset, int dstOffset, int srcHeader, int dstHeader) implements NiciraAction {
  static final int SUBTYPE_REG_MOVE = 6;
  static final int LENGTH = 24;

  /** NXM headers: class << 16 | field << 9 | length (no mask bit), from OVS's meta-flow.h. */
  private record Nxm(int header, int bits) {}

  private static final Map<String, Nxm> FIELDS = Map.of(
      "NXM_OF_ETH_DST", new Nxm(0x0000_0206, 48),
      "NXM_OF_ETH_SRC", new Nxm(0x0000_0406, 48),
      "NXM_OF_IP_SRC", new Nxm(0x0000_0e04, 32),
      "NXM_OF_IP_DST", new Nxm(0x0000_1004, 32),
      "NXM_OF_ARP_OP", new Nxm(0x0000_1e02, 16),
      "NXM_OF_ARP_SPA", new Nxm(0x0000_2004, 32),
      "NXM_OF_ARP_TPA", new Nxm(0x0000_2204, 32),
      "NXM_NX_ARP_SHA", new Nxm(0x0001_2206, 48),
      "NXM_NX_ARP_THA", new Nxm(0x0001_2406, 48));

  /** The whole of {@code from} into the whole of {@code to}; both named as ovs-ofctl names them. */
  public static NxRegMove wholeField(String from, String to) {
    Nxm src = FIELDS.get(from);
    Nxm dst = FIELDS.get(to);
    if (src == null || dst == null) throw new IllegalArgumentException("no NXM header known for move:" + from + "[]->" + to + "[]");
    if (src.bits() != dst.bits()) throw new IllegalArgumentException("move between fields of different width: " + from + " -> " + to);
    return new NxRegMove(src.bits(), 0, 0, src.header(), dst.header());
  }

  @Override
  public void writeTo(ByteBuf bb) {
    bb.writeShort(0xffff);
    bb.writeShort(LENGTH);
    bb.writeInt((int) NICIRA);
    bb.writeShort(SUBTYPE_REG_MOVE);
    bb.writeShort(nBits);
    bb.writeShort(srcOffset);
    bb.writeShort(dstOffset);
    bb.writeInt(srcHeader);
    bb.writeInt(dstHeader);
  }

  @Override
  public void putTo(PrimitiveSink sink) {
    sink.putInt(nBits).putInt(srcOffset).putInt(dstOffset).putInt(srcHeader).putInt(dstHeader);
  }
}
